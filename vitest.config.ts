import { defineConfig } from 'vitest/config';
import path from 'node:path';

// Unit tests live beside the code (*.test.ts). Integration tests (*.int.test.ts) need the real
// backends that scripts/test/run.ts starts, and run with vitest.integration.config.ts.
export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname), 'server-only': path.resolve(import.meta.dirname, 'lib/testing/server-only-stub.ts') } },
  test: {
    include: ['{app,components,lib,scripts}/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', '**/*.int.test.ts'],
    environment: 'node',
  },
});
