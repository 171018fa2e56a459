#!/usr/bin/env node
// bench/playbook-vs-ansible.ts, run from TypeScript.
require('../scripts/run-ts');
require('./playbook-vs-ansible.ts');
