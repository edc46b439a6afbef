// ESM-only packages (inquirer and helpers) must be transformed; see ../shared/toolchain.md.
const esmOnly = ['inquirer', '@inquirer', 'strip-ansi', 'string-width', 'wrap-ansi', 'ansi-regex', 'ansi-styles', 'mute-stream', 'run-async', 'rxjs', 'chardet', 'iconv-lite', 'emoji-regex', 'get-east-asian-width', 'cli-width', 'yoctocolors-cjs', 'signal-exit', '@sindresorhus', 'mitt', 'isomorphic-git', 'fast-wrap-ansi', 'fast-string-width', 'fast-string-truncated-width']
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j|mj)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }] },
  transformIgnorePatterns: [`node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testTimeout: 60000,
  // Most suites wait on child processes (the CLI, git, python, chromium): two workers keep both cores busy.
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/helpers/summary-reporter.cjs'],
}
