import script from '../../../modules/script';
import { testModule } from './module-tester';

testModule(script, [
  {
    name: 'transfers and runs with arguments',
    args: '@T/s.sh "a b" c',
    files: { 's.sh': '#!/bin/sh\necho "$1|$2"\n' },
    checkChanged: false,
    expect: { changed: true, result: { rc: 0, stdout: 'a b|c\n', stdout_lines: ['a b|c'] } },
  },
  {
    name: 'creates skips',
    args: { cmd: '@T/s.sh', creates: '@T/s.sh' },
    files: { 's.sh': '#!/bin/sh\nexit 1\n' },
    expect: { changed: false, msg: '@T/s.sh exists, matching creates option', result: { skipped: true } },
  },
  {
    // Ansible's script action tests the exact path: a glob is not expanded, so the script runs.
    name: 'creates is a path, not a glob',
    args: { cmd: '@T/s.sh', creates: '@T/s.*' },
    files: { 's.sh': '#!/bin/sh\necho ran\n' },
    checkChanged: false,
    expect: { changed: true, result: { stdout: 'ran\n' } },
  },
  {
    name: 'removes skips when the path is missing',
    args: { cmd: '@T/s.sh', removes: '@T/nope' },
    files: { 's.sh': '#!/bin/sh\nexit 1\n' },
    expect: { changed: false, msg: '@T/nope does not exist, matching removes option', result: { skipped: true } },
  },
  { name: 'missing script', args: '@T/nope.sh', expect: { failed: true, msg: "Could not find or access '@T/nope.sh' on the Ansible Controller." } },
]);
