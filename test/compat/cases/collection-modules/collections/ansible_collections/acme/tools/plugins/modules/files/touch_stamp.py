#!/usr/bin/python
# A module in a subdirectory of plugins/modules, reached as acme.tools.files.touch_stamp.
from ansible.module_utils.basic import AnsibleModule


def main():
    module = AnsibleModule(argument_spec=dict(path=dict(type='path', required=True)))
    with open(module.params['path'], 'a') as f:
        f.write('touched\n')
    module.exit_json(changed=True)


if __name__ == '__main__':
    main()
