/**
 * End-to-end tests: the shipped builds (`dist/chrome`, `dist/firefox`) in real Chromium and
 * Firefox ESR. Files run one at a time here: each launches its own browsers, and CI has two
 * cores. `npm test` (scripts/test.mjs) runs two files at a time, then the load tests alone.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'e2e',
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
    retry: 0,
  },
});
