#!/usr/bin/python
# Prints noise, then dies before answering: Ansible's MODULE FAILURE.
import sys
print('some noise')
sys.stderr.write('about to fail\n')
raise RuntimeError('the module broke')
