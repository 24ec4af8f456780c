import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Playwright owns *.spec.ts; vitest must never pick those up.
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
