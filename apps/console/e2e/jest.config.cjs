// Browser tests of the built console against the built API server.
// Build both first: `pnpm build` at the repository root.
module.exports = {
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.e2e.test.ts'],
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  // One Chromium and one API server at a time fit the 2-core machines this runs on.
  maxWorkers: 1,
  testTimeout: 120_000,
};
