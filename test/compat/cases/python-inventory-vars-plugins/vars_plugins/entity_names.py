# A vars plug-in for tsible's compatibility tests: every host and group gets a variable naming it.
import os

from ansible.inventory.host import Host
from ansible.plugins.vars import BaseVarsPlugin


class VarsModule(BaseVarsPlugin):

    def get_vars(self, loader, path, entities):
        found = {}
        # The playbook directory's name differs from run to run; the inventory directory's does not.
        where = 'inventory' if os.path.basename(path) == 'inventory' else 'playbook dir'
        for entity in entities:
            kind = 'host' if isinstance(entity, Host) else 'group'
            found['%s_from_plugin' % kind] = '%s in %s' % (entity.name, where)
        return found
