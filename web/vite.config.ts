import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The employee console: served under /console/ (the local gateway, and the CloudFront
 * distribution's console/ prefix). Preact's automatic JSX runtime; no dev-only plugins.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
    sourcemap: true,
  },
});
