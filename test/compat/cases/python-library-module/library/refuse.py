#!/usr/bin/python
from ansible.module_utils.basic import AnsibleModule

module = AnsibleModule(argument_spec=dict(reason=dict(type='str', required=True)))
module.fail_json(msg='refused: %s' % module.params['reason'], detail=42)
