// The web console's browser tests (test/console/*.browser.spec.ts): headless Debian Chromium driven
// by playwright-core against the real service. Run by `npm run test:browser`, which builds first.
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/console/**/*.browser.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 120_000,
  maxWorkers: 1,
};
