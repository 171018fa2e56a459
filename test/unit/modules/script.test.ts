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
    expect: { changed: false, msg: "Did not run command since '@T/s.sh' exists" },
  },
  { name: 'missing script', args: '@T/nope.sh', expect: { failed: true, msg: "Could not find or access '@T/nope.sh' on the Ansible Controller." } },
]);
