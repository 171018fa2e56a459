#!/usr/bin/env node
// bench/python-modules.ts, run from TypeScript.
require('../scripts/run-ts');
require('./python-modules.ts');
