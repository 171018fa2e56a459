# An action plug-in beside the playbook: it runs the greet library module twice through ActionBase, and
# reads its own task's arguments, check mode and the variables it was given.
from ansible.plugins.action import ActionBase


class ActionModule(ActionBase):
    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        name = self._task.args['name']
        first = self._execute_module(module_name='greet', module_args=dict(name=name), task_vars=task_vars)
        second = self._execute_module(module_name='greet', module_args=dict(name=name.upper(), path=self._task.args.get('path')), task_vars=task_vars)
        out = self._low_level_execute_command('echo from-the-host', sudoable=False)
        result.update(changed=first['changed'] or second['changed'], greetings=[first['greeting'], second['greeting']],
                      check=self._task.check_mode, shell=self._connection._shell.SHELL_FAMILY, host_said=out['stdout'].strip(),
                      seen=task_vars.get('marker'))
        return result
