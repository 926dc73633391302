// `npm run test:live`: the live contract alone. It runs against GitHub and Slack when SHIPSHAPE_LIVE_REPO is set
// (see tests/README.md, "Live contract"), against the emulators otherwise; `npm test` runs the same files, always
// emulated, because only this config sets the SHIPSHAPE_LIVE_CONTRACT global that open-target.ts reads.
import base from '../../jest.config.js';

export default {
  ...base,
  rootDir: '../..',
  testMatch: ['<rootDir>/tests/live/**/*.test.ts'],
  globals: { SHIPSHAPE_LIVE_CONTRACT: true },
  // One file at a time: GitHub asks clients not to make concurrent requests (secondary rate limits,
  // https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api), and live waits are long.
  maxWorkers: 1,
  testTimeout: 600_000,
};
