// Jest runs the TypeScript sources as native ESM (swc strips types); no module mocking is used:
// logic receives its dependencies as arguments, so tests pass fakes directly.
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } }];

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': swc,
    // @actions/workflow-parser imports its JSON schemas without `with { type: 'json' }`, which makes Jest print a
    // deprecation warning per test file; this transform adds the attribute to those two modules only.
    '/node_modules/@actions/workflow-parser/dist/(actions|workflows)/[\\w-]+-schema\\.js$':
      '<rootDir>/tests/support/json-import-attribute-transform.cjs',
  },
  transformIgnorePatterns: ['/node_modules/(?!@actions/workflow-parser/dist/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/tests/support/closing-line-reporter.cjs'],
};
