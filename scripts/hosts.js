#!/usr/bin/env node
// The test-host CLI (test/hosts/cli.ts), run from TypeScript.
require('./run-ts');
require('../test/hosts/cli.ts');
