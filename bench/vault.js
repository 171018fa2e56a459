#!/usr/bin/env node
// bench/vault.ts, run from TypeScript.
require('../scripts/run-ts');
require('./vault.ts');
