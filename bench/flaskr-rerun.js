#!/usr/bin/env node
// bench/flaskr-rerun.ts, run from TypeScript.
require('../scripts/run-ts');
require('./flaskr-rerun.ts');
