#!/usr/bin/python
# A test module for tsible's compat suite: writes `text` into `path`, changed only when the file differs.
from ansible.module_utils.basic import AnsibleModule


def main():
    module = AnsibleModule(
        argument_spec=dict(path=dict(type='path', required=True), text=dict(type='str', default='stamped')),
        supports_check_mode=True,
    )
    path, text = module.params['path'], module.params['text'] + '\n'
    try:
        with open(path) as f:
            before = f.read()
    except IOError:
        before = None
    changed = before != text
    if changed and not module.check_mode:
        with open(path, 'w') as f:
            f.write(text)
    module.exit_json(changed=changed, path=path, by=module._name)


if __name__ == '__main__':
    main()
