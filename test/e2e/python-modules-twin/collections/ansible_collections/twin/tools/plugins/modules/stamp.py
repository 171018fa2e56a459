#!/usr/bin/python
# The collection module that twin.tools.old_stamp is redirected to.
import os
from ansible.module_utils.basic import AnsibleModule

module = AnsibleModule(argument_spec=dict(path=dict(type='path', required=True)), supports_check_mode=True)
path = module.params['path']
changed = not os.path.exists(path)
if changed and not module.check_mode:
    open(path, 'w').close()
module.exit_json(changed=changed, path=path, by='twin.tools.stamp')
