import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { esbuildOptions } from '../lib/constructs/service-function';
import { routes } from '../functions/routes';
import { streamConsumers } from '../functions/streams/consumers';
import { median } from './stats';

const EMPTY_HANDLER = 'export const handler = async () => ({ statusCode: 200, body: "{}" });\n';

/** Just enough environment for a module to load; no request here may reach a backing service. */
const COLD_ENV = {
  AWS_REGION: 'us-east-1',
  TABLE_NAME: 'bench',
  IDEMPOTENCY_TABLE_NAME: 'bench-idempotency',
  USER_POOL_ID: 'us-east-1_bench',
  USER_POOL_CLIENT_ID: 'bench',
  CURSOR_SECRET: 'bench',
  SMS_OUTBOX_FILE: join(tmpdir(), 'bench-outbox.jsonl'),
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/**
 * The first event a cold function answers: protected routes without claims (401), optional ones
 * with a malformed token (401), public ones their own request; all answered without the network.
 */
function firstEvent(route: { method: string; path: string; auth: string } | undefined): unknown {
  if (!route) return { Records: [] };
  return {
    version: '2.0',
    routeKey: `${route.method} ${route.path}`,
    rawPath: route.path,
    rawQueryString: '',
    headers: route.auth === 'optional' ? { authorization: 'Bearer not-a-jwt' } : {},
    requestContext: { http: { method: route.method, path: route.path }, requestId: 'bench', timeEpoch: Date.now() },
    isBase64Encoded: false,
  };
}

/** Exits as soon as the first answer is in, so open sockets or timers do not count. */
const COLD_START_PROBE = `
const [file, event] = [process.argv[1], JSON.parse(process.argv[2])];
const { handler } = await import(file);
await handler(event, { functionName: 'bench', awsRequestId: 'bench', getRemainingTimeInMillis: () => 10000 });
process.exit(0);
`;

/** Wall time of a fresh Node process that imports the bundle and answers one event (median of `runs`). */
function coldStart(file: string, event: unknown, runs: number): number {
  const times = Array.from({ length: runs }, () => {
    const started = performance.now();
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', COLD_START_PROBE, file, JSON.stringify(event)], {
      env: { ...process.env, ...COLD_ENV },
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`Cold start of ${file} failed: ${result.stderr}`);
    return performance.now() - started;
  });
  return median(times);
}

/** The packages that weigh most in a bundle. */
function heaviestPackages(metafile: Metafile, outfile: string, count = 3) {
  const output = Object.entries(metafile.outputs).find(([path]) => outfile.endsWith(path) || path.endsWith('.mjs'))?.[1];
  const byPackage = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
    const name = match ? match[1] : 'project code';
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
  }
  return [...byPackage.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, bytes]) => ({ name, kb: Math.round(bytes / 1024) }));
}

export async function measureBundles(runs: number) {
  // Inside the project, so that modules a bundle leaves external resolve as they would in Lambda.
  const cache = join(import.meta.dirname, '..', 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'bench-bundles-'));
  try {
    const emptyEntry = join(dir, 'empty.ts');
    writeFileSync(emptyEntry, EMPTY_HANDLER);
    const bundle = async (entry: string, name: string) => {
      const outfile = join(dir, `${name.replaceAll('/', '__')}.mjs`);
      const { metafile } = await build({ ...esbuildOptions, entryPoints: [entry], outfile, metafile: true, logLevel: 'error' });
      return { outfile, metafile, kb: Math.round(statSync(outfile).size / 1024) };
    };
    const empty = await bundle(emptyEntry, 'empty');
    const emptyMs = coldStart(empty.outfile, firstEvent(undefined), runs);
    const functions = [
      ...new Map(routes.map((route) => [route.handler, route])).values(),
      ...streamConsumers.map((consumer) => ({ handler: consumer.handler, method: '', path: '', auth: 'stream' })),
    ];
    const results = [];
    for (const fn of functions) {
      const built = await bundle(join(import.meta.dirname, '..', 'functions', `${fn.handler}.ts`), fn.handler);
      const ms = coldStart(built.outfile, firstEvent(fn.method ? fn : undefined), runs);
      results.push({
        handler: fn.handler,
        kb: built.kb,
        coldStartMs: Math.round(ms),
        coldStartRatio: Math.round((ms / emptyMs) * 10) / 10,
        heaviest: heaviestPackages(built.metafile, built.outfile),
      });
    }
    return { emptyHandler: { kb: empty.kb, coldStartMs: Math.round(emptyMs) }, functions: results };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
