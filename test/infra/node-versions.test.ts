import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../lib/local/paths';

const read = (path: string) => readFileSync(join(PROJECT_ROOT, path), 'utf8');

/** Lambda runs Node 22; every test ran on Node 20 only. CI runs the suite on both. */
describe('supported Node versions', () => {
  it('package.json names Node 20 and Node 22, the README says so', () => {
    expect((JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node).toBe('^20.19.0 || ^22.0.0');
    expect(read('README.md')).toMatch(/Node\.js 20 \(20\.19 or newer\) or 22/);
  });

  it('CI runs the whole suite a second time on a pinned Node 22 binary', () => {
    const pinned = (JSON.parse(read('.ci/node22/package.json')) as { dependencies: { node: string } }).dependencies.node;
    expect(pinned).toMatch(/^22\.\d+\.\d+$/);
    const lock = JSON.parse(read('.ci/node22/package-lock.json')) as { packages: Record<string, { version?: string }> };
    expect(lock.packages['node_modules/node']?.version).toBe(pinned);
    const ci = read('.ci/run');
    expect(ci).toContain('npm ci --prefix .ci/node22');
    expect(ci).toMatch(/PATH="\$node22:\$PATH" npm test/);
  });
});
