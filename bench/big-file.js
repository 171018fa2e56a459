#!/usr/bin/env node
// bench/big-file.ts, run from TypeScript.
require('../scripts/run-ts');
require('./big-file.ts');
