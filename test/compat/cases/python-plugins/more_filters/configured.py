class FilterModule(object):
    def filters(self):
        return {'from_config': lambda v: 'configured:' + str(v)}
