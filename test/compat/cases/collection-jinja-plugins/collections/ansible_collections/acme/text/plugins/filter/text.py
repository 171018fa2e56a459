# Filters of the acme.text test collection, used in templates as acme.text.shout and acme.text.initials.
from ansible_collections.acme.text.plugins.plugin_utils.marks import bang


def initials(words):
    return [w[:1] for w in words]


class FilterModule(object):
    def filters(self):
        return {'shout': bang, 'initials': initials}
