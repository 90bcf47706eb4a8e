import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../lib/local/ports';

/** The local stack exactly as `npm start` runs it, in its own process with a fresh data folder. */
export async function startStackProcess() {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-stack-'));
  const port = await freePort();
  const env = {
    ...process.env,
    LOCAL_DATA_DIR: dataDir,
    PORT: String(port),
    DYNAMODB_PORT: String(await freePort()),
    COGNITO_PORT: String(await freePort()),
    LAMBDA_PORT: String(await freePort()),
    LOG_REQUESTS: 'false',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'lib/local/start.ts'], { cwd: join(import.meta.dirname, '..'), env, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The local stack exited with ${child.exitCode}`);
    const healthy = await fetch(`${url}/v1/health`).then((r) => r.ok, () => false);
    // The banner is printed after seeding; the demo employee must exist before the bench signs in.
    const seeded = healthy && (await fetch(`${url}/v1/inventory`).then(async (r) => (((await r.json()) as { items?: unknown[] }).items?.length ?? 0) > 0, () => false));
    if (seeded) break;
    if (Date.now() > deadline) throw new Error('The local stack did not become ready in 90 s');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return {
    url,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
