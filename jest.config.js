/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // CI runs on a busy machine: a test that runs a whole playbook in-process can take longer than jest's
  // 5 s default there, and a test must not fail for load alone. Tests that need longer still say so.
  testTimeout: 60_000,
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  roots: ['<rootDir>'],
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/dist/'],
};
