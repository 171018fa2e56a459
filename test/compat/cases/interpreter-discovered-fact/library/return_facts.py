#!/usr/bin/python
from ansible.module_utils.basic import AnsibleModule

module = AnsibleModule(argument_spec=dict(facts=dict(type='dict', required=True)))
module.exit_json(changed=False, ansible_facts=module.params['facts'])
