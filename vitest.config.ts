import { defineConfig } from 'vitest/config';

// One runner, five projects. Tests mirror the source paths under tests/.
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit-node', environment: 'node', include: ['tests/unit/**/*.test.ts'], exclude: ['tests/unit/renderer/**'] },
      },
      {
        extends: true,
        test: { name: 'unit-dom', environment: 'jsdom', include: ['tests/unit/renderer/**/*.test.{ts,tsx}'] },
      },
      { extends: true, test: { name: 'contract', environment: 'node', include: ['tests/contract/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 240_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
      { extends: true, test: { name: 'electron', environment: 'node', include: ['tests/electron/**/*.test.ts'], testTimeout: 120_000 } },
    ],
  },
});
