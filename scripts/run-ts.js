#!/usr/bin/env node
// Runs a TypeScript file of the project's tooling (test hosts, benchmarks) without a build step:
// Node 20 cannot strip types itself, so .ts files are transpiled on require with @swc/core, which the
// project already has for jest.   node scripts/run-ts.js FILE.ts [args…]
const Module = require('module');
const fs = require('fs');
const path = require('path');
const { transformSync } = require('@swc/core');

Module._extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};

if (require.main === module) {
  const [file, ...args] = process.argv.slice(2);
  process.argv = [process.argv[0], file, ...args];
  require(path.resolve(file));
}
