#!/usr/bin/python
from ansible.module_utils.basic import AnsibleModule
from ansible_collections.testns.testcoll.plugins.module_utils.helper import greeting

AnsibleModule(argument_spec={}).exit_json(changed=False, greeting=greeting())
