import { defineConfig } from 'vitest/config';
import path from 'node:path';

// Integration tests cross a process boundary: they talk to the real Prometheus, Alertmanager,
// Jaeger, Loki and PostgreSQL that scripts/test/run.ts starts on loopback (URLs in the environment).
export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname), 'server-only': path.resolve(import.meta.dirname, 'lib/testing/server-only-stub.ts') } },
  test: {
    include: ['{app,components,lib,scripts}/**/*.int.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
