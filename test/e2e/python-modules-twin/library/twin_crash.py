#!/usr/bin/python
# A module that prints, then dies with a traceback before it can answer: Ansible's MODULE FAILURE.
import sys
from ansible.module_utils.basic import AnsibleModule

print('half an answer')
sys.stderr.write('about to break\n')
raise RuntimeError('twin_crash broke on purpose')
