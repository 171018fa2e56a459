#!/usr/bin/python
# The role's own module: a stamp file holding the role's text.
import os
from ansible.module_utils.basic import AnsibleModule

module = AnsibleModule(argument_spec=dict(path=dict(type='path', required=True), text=dict(type='str', default='role')), supports_check_mode=True)
path = module.params['path']
wanted = module.params['text'] + '\n'
current = open(path).read() if os.path.exists(path) else None
changed = current != wanted
if changed and not module.check_mode:
    with open(path, 'w') as f:
        f.write(wanted)
module.exit_json(changed=changed, path=path, previous=current)
