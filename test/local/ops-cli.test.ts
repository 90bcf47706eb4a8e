import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../lib/ops/cli';
import { passwordProblems } from '../../lib/ops/create-employee';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...args) => void out.push(args.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...args) => void err.push(args.join(' ')));
  return { out, err };
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('the ops CLI', () => {
  it('prints help, and refuses unknown commands with it', async () => {
    const help = capture();
    expect(await main(['help'])).toBe(0);
    expect(help.out.join('\n')).toContain('create-employee --email E --name N --phone +254700000000 --password P');
    vi.restoreAllMocks();

    const unknown = capture();
    expect(await main(['fire-everyone'])).toBe(1);
    expect(unknown.err.join('\n')).toMatch(/Unknown command "fire-everyone"[\s\S]*Usage:/);
  });

  it('says what is missing', async () => {
    const { err } = capture();
    expect(await main(['create-employee', '--email', 'a@b.co'])).toBe(1);
    expect(err.join('\n')).toContain('Missing --name, --phone, --password');
    expect(await main(['create-employee', '--nope'])).toBe(1);
    expect(err.join('\n')).toContain("Unknown option '--nope'");
  });

  it('explains that the local stack must have been started', async () => {
    vi.stubEnv('LOCAL_DATA_DIR', mkdtempSync(join(tmpdir(), 'ops-empty-')));
    vi.stubEnv('STACK_NAME', '');
    const { err } = capture();
    expect(await main(['create-employee', '--email', 'a@b.co', '--name', 'A', '--phone', '+254700000001', '--password', 'Passw0rdA'])).toBe(1);
    expect(err.join('\n')).toMatch(/No local stack found .*stack\.json is missing.*npm start/);
  });

  it('checks the password against the pool policy, which cognito-local does not enforce', () => {
    expect(passwordProblems('Employee123')).toEqual([]);
    expect(passwordProblems('short')).toEqual(['Must have at least 8 characters', 'Must contain an upper-case letter', 'Must contain a digit']);
    expect(passwordProblems('ALLUPPER123')).toEqual(['Must contain a lower-case letter']);
  });
});
