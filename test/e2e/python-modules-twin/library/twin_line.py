#!/usr/bin/python
# A new-style module from library/: writes one line to a file, with check mode, diff and a failure on demand.
import os
from ansible.module_utils.basic import AnsibleModule

module = AnsibleModule(
    argument_spec=dict(
        path=dict(type='path', required=True),
        line=dict(type='str', required=True),
        fail=dict(type='bool', default=False),
    ),
    supports_check_mode=True,
)
path, line = module.params['path'], module.params['line']
if module.params['fail']:
    module.fail_json(msg='twin_line was told to fail', path=path)
before = open(path).read() if os.path.exists(path) else ''
after = line + '\n'
result = dict(changed=before != after, path=path)
if module._diff and result['changed']:
    result['diff'] = dict(before=before, after=after, before_header=path, after_header=path)
if result['changed'] and not module.check_mode:
    with open(path, 'w') as f:
        f.write(after)
module.exit_json(**result)
