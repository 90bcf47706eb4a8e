import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../lib/local/paths';

/**
 * The console's API types are generated from docs/openapi.json (npm run console:types) and the
 * web app's typecheck reads them: stale types would let an API change slip past the compiler.
 */
describe("the console's API types", () => {
  it('are generated from the current docs/openapi.json (run npm run console:types)', () => {
    const folder = mkdtempSync(join(tmpdir(), 'console-types-'));
    try {
      const fresh = join(folder, 'openapi.d.ts');
      const cli = join(PROJECT_ROOT, 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
      execFileSync(process.execPath, [cli, join(PROJECT_ROOT, 'docs', 'openapi.json'), '-o', fresh], { stdio: 'pipe' });
      const committed = readFileSync(join(PROJECT_ROOT, 'web', 'src', 'api', 'openapi.d.ts'), 'utf8');
      expect(committed === readFileSync(fresh, 'utf8'), 'web/src/api/openapi.d.ts is stale: run npm run console:types').toBe(true);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
