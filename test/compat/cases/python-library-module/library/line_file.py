#!/usr/bin/python
# A new-style module that keeps one file's content: check mode, diff and its own argument checks.
import os

from ansible.module_utils.basic import AnsibleModule


def main():
    module = AnsibleModule(
        argument_spec=dict(path=dict(type='path', required=True), content=dict(type='str', default='')),
        supports_check_mode=True,
    )
    path, content = module.params['path'], module.params['content']
    try:
        with open(path) as f:
            before = f.read()
    except IOError:
        before = ''
    if before == content:
        module.exit_json(changed=False, path=path)
    if not module.check_mode:
        with open(path, 'w') as f:
            f.write(content)
    module.exit_json(changed=True, path=path, diff=dict(before=before, after=content), warnings=['wrote %s' % os.path.basename(path)])


main()
