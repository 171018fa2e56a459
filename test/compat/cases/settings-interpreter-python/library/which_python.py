#!/usr/bin/python
# A module that says which Python runs it.
import json
import sys

print(json.dumps({"changed": False, "executable": sys.executable}))
