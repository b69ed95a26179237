// One Jest configuration for the whole workspace, with the three test tiers as Jest projects:
//   unit         *.spec.ts beside the code — no servers
//   integration  *.int-spec.ts — real PostgreSQL, Redis and Kafka (npm run infra)
//   e2e          e2e/**/*.e2e-spec.ts — whole services over real HTTP and Kafka
// Each app/lib's project.json `test` / `test:int` targets select its own folder of these projects.
const { readFileSync } = require('node:fs');

const swcrc = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swcrc.jsc.baseUrl;
delete swcrc.jsc.paths;
delete swcrc.$schema;

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  moduleNameMapper: { '^@keel/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts' },
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/__fixtures__/'],
};

module.exports = {
  // Global (Jest reads testTimeout only here, not per project): integration and e2e tests wait on real servers.
  testTimeout: 60000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,tools}/**/*.int-spec.ts'],
    },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/e2e/**/*.e2e-spec.ts'] },
  ],
};
