#!/usr/bin/env node
// bench/profile.ts, run from TypeScript.
require('../scripts/run-ts');
require('./profile.ts');
