/** @type {import('jest').Config} */
// Tests are TypeScript, compiled by swc (fast); types are checked separately by `npm run typecheck`.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: { '^.+\\.(t|j)sx?$': swc },
  // office-addin-mock pulls ESM-only packages; let swc compile them.
  transformIgnorePatterns: ['/node_modules/(?!(.*/node_modules/)?(strip-bom|uuid)/)'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'cjs', 'json'],
  // Many tests talk to a real local stack (dynalite, HTTPS, child processes); jest's 5 s default was hit at load on
  // 2 shared vCPUs. Slower tests still set their own, longer timeout.
  testTimeout: 30_000,
  // Most suites wait on a stack, LibreOffice or Chromium rather than compute: on 2 vCPUs, jest's default of one worker
  // (CPUs − 1) left the second core idle and took 461 s; three workers keep both busy.
  maxWorkers: 3,
};
