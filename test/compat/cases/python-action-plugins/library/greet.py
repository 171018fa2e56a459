#!/usr/bin/python
from ansible.module_utils.basic import AnsibleModule


def main():
    module = AnsibleModule(argument_spec=dict(name=dict(type='str', required=True), path=dict(type='path')), supports_check_mode=True)
    path = module.params['path']
    if path and not module.check_mode:
        with open(path, 'w') as f:
            f.write('hello %s\n' % module.params['name'])
    module.exit_json(changed=True, greeting='hello %s' % module.params['name'])


main()
