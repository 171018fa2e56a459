#!/usr/bin/env node
// bench/ssh-roundtrip.ts, run from TypeScript.
require('../scripts/run-ts');
require('./ssh-roundtrip.ts');
