from ansible.errors import AnsibleError
from ansible.plugins.action import ActionBase


class ActionModule(ActionBase):
    def run(self, tmp=None, task_vars=None):
        if self._task.args.get('politely'):
            raise AnsibleError('refused politely')
        raise RuntimeError('the plug-in broke')
