#!/usr/bin/python
# Without supports_check_mode: AnsibleModule itself answers skipped in check mode.
from ansible.module_utils.basic import AnsibleModule

module = AnsibleModule(argument_spec=dict(path=dict(type='path', required=True)))
open(module.params['path'], 'w').write('ran\n')
module.exit_json(changed=True)
