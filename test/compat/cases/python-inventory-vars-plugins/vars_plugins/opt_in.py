# Runs only when named in vars_plugins_enabled.
from ansible.plugins.vars import BaseVarsPlugin


class VarsModule(BaseVarsPlugin):
    REQUIRES_ENABLED = True

    def get_vars(self, loader, path, entities):
        return {'opted_in': True}
