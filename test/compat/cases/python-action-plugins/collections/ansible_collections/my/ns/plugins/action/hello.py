# A collection's action plug-in with no module of that name.
from ansible.plugins.action import ActionBase


class ActionModule(ActionBase):
    def run(self, tmp=None, task_vars=None):
        return {'hello': 'from %s' % self._task.action, 'who': self._task.args.get('who')}
