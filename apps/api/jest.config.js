/** Jest runs TypeScript through SWC with decorator metadata, which TypeORM and type-graphql need. */
const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
};

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/__tests__/**/*.test.ts', '**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', swcOptions] },
  // jose and content-disposition (used by @fastify/static) ship only ES modules, so Jest must transform them too.
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm/)?(jose|content-disposition|oauth4webapi)[@/])'],
  setupFiles: ['reflect-metadata'],
  testTimeout: 60_000,
};
