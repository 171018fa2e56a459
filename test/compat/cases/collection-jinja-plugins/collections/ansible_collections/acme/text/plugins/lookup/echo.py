# A lookup of the acme.text test collection: each term, shouted.
from ansible.plugins.lookup import LookupBase
from ansible_collections.acme.text.plugins.plugin_utils.marks import bang


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        return [bang(t, kwargs.get('mark', '!')) for t in terms]
