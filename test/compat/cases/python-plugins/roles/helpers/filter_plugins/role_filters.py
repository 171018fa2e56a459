class FilterModule(object):
    def filters(self):
        return {'wrap': lambda v, left='[', right=']': left + str(v) + right}
