from ansible.plugins.lookup import LookupBase


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        sep = kwargs.get('sep', '')
        return [t.upper() + sep for t in terms]
