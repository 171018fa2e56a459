#!/usr/bin/python
# An old-style module: WANT_JSON gets its arguments as a JSON file named by its first argument.
# WANT_JSON
import json
import os
import sys

with open(sys.argv[1]) as f:
    args = json.load(f)
path = args['path']
changed = not os.path.exists(path)
if changed and not args.get('_ansible_check_mode'):
    with open(path, 'w') as f:
        f.write(args['text'] + '\n')
print(json.dumps(dict(changed=changed, path=path, check=args.get('_ansible_check_mode', False))))
