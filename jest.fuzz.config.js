// `npm run fuzz`: the property-based suites in tests/fuzz with the full sample (≥ 10,000 inputs each).
// `npm test` runs the same files with a small sample (FUZZ_RUNS unset → each file's default).
import base from './jest.config.js';

process.env.FUZZ_RUNS ??= '10000';

export default {
  ...base,
  testMatch: ['<rootDir>/tests/fuzz/**/*.test.ts'],
  testTimeout: 20 * 60 * 1000,
};
