# A connection plug-in written for tsible's compatibility tests: commands run on the controller, starting
# in the host's directory; a host whose directory is missing cannot be reached.
DOCUMENTATION = '''
name: shelljail
short_description: run commands on the controller in a directory of the host's
description:
  - Each host is a directory on the controller.
author: tsible
options:
  dir:
    description: The directory commands start in.
    vars:
      - name: ansible_shelljail_dir
'''

import os
import shutil
import subprocess

from ansible.errors import AnsibleConnectionFailure
from ansible.plugins.connection import ConnectionBase


class Connection(ConnectionBase):
    transport = 'shelljail'
    has_pipelining = False

    def _connect(self):
        where = self.get_option('dir')
        if not os.path.isdir(where):
            raise AnsibleConnectionFailure('shelljail: no directory %s' % where)
        self._connected = True
        return self

    def exec_command(self, cmd, in_data=None, sudoable=True):
        super(Connection, self).exec_command(cmd, in_data=in_data, sudoable=sudoable)
        done = subprocess.run(cmd, shell=True, cwd=self.get_option('dir'), input=in_data, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        return done.returncode, done.stdout, done.stderr

    def put_file(self, in_path, out_path):
        super(Connection, self).put_file(in_path, out_path)
        shutil.copyfile(in_path, out_path)

    def fetch_file(self, in_path, out_path):
        super(Connection, self).fetch_file(in_path, out_path)
        shutil.copyfile(in_path, out_path)

    def close(self):
        self._connected = False
