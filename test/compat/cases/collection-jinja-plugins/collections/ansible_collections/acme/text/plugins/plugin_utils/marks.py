# Shared by the collection's filter and lookup: imported as ansible_collections.acme.text.plugins.plugin_utils.
def bang(text, mark='!'):
    return '%s%s' % (text.upper(), mark)
