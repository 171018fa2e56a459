#!/usr/bin/env node
// Runs bench/ssh-roundtrip.ts straight from TypeScript: Node 20 cannot strip types, so .ts files are
// transpiled on require with @swc/core, which the project already has for jest.
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

require(path.join(__dirname, 'ssh-roundtrip.ts'));
