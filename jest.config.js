// One jest setup for every lib, app and e2e suite. SWC compiles TypeScript (and the ESM-only
// @nestjs/* 12 packages, which jest cannot require natively on Node 20) to CommonJS.
const { compilerOptions } = require('./tsconfig.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target.replace(/^\.\//, '')}`]),
);

/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'],
  // Browser tests need Chromium and a built console: `npm run test:browser` (jest.browser.config.js).
  testPathIgnorePatterns: ['/node_modules/', '\\.browser\\.spec\\.ts$'],
  moduleNameMapper,
  transform: {
    '^.+\\.(t|j|mj)s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  // n2words (the console's amounts in words) is ESM-only too.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|n2words)/)'],
  testTimeout: 60_000,
  setupFiles: ['<rootDir>/jest.setup.js'],
};
