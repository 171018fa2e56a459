#!/usr/bin/env node
// Prints the plain "N passed, N failed" line CI reads, from jest's --json result.
// Exits non-zero when anything failed or jest produced no result at all.
const fs = require('fs');
const [file, extraArg] = process.argv.slice(2);
const extraFailed = Number(extraArg || 0);
let passed = 0;
let failed = extraFailed;
let ok = true;
try {
  const result = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed = result.numPassedTests;
  failed += result.numFailedTests + (result.numRuntimeErrorTestSuites || 0);
  ok = result.success && passed > 0;
} catch (err) {
  console.error(`no jest result in ${file}: ${err.message}`);
  failed += 1;
  ok = false;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
