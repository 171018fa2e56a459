#!/usr/bin/env node
// bench/at-scale.ts, run from TypeScript.
require('../scripts/run-ts');
require('./at-scale.ts');
