#!/usr/bin/python
# WANT_JSON: an old-style module reads its arguments as JSON from the file it is given.
import json
import sys

with open(sys.argv[1]) as f:
    args = json.load(f)
print(json.dumps(dict(changed=False, got=args['value'], check=args['_ansible_check_mode'], name=args['_ansible_module_name'])))
