import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { ApiClient } from './api-client';
import { measureBundles } from './bundles';
import { measureCosts } from './cost';
import { checkInvariants } from './invariants';
import { skipsDiskSyncs } from '../lib/local/dynamodb-local';
import { startStackProcess } from './local-stack-process';
import { report } from './report';
import { setUpShop } from './shop-setup';
import { Samples } from './stats';
import { runWorkload } from './workload';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const settings = {
  users: Number(process.env.BENCH_USERS ?? 8),
  seconds: Number(process.env.BENCH_SECONDS ?? 60),
  coldStartRuns: Number(process.env.BENCH_COLD_RUNS ?? 5),
  dynamodbDiskSyncs: !skipsDiskSyncs(),
};

async function loadPhase() {
  const stack = await startStackProcess();
  try {
    const setup = new ApiClient(stack.url);
    const shop = await setUpShop(setup, settings.users);
    const samples = new Samples();
    const started = performance.now();
    const ledger = await runWorkload(new ApiClient(stack.url, samples), shop, settings.users, settings.seconds);
    const load = samples.summary((performance.now() - started) / 1000);
    const invariants = await checkInvariants(setup, shop, ledger);
    return { load, invariants };
  } finally {
    await stack.stop();
  }
}

async function main() {
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
  console.error(`[bench] load: ${settings.users} users for ${settings.seconds} s...`);
  const { load, invariants } = await loadPhase();
  console.error('[bench] DynamoDB cost per endpoint...');
  const cost = await measureCosts();
  console.error('[bench] bundles and cold starts...');
  const bundles = await measureBundles(settings.coldStartRuns);
  const results = { date: new Date().toISOString(), machine, settings, load, invariants, cost, bundles };
  const dir = join(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${results.date.replaceAll(':', '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  const { text, passed } = report(results);
  console.log(text);
  console.log(`\nResults: ${file}`);
  process.exitCode = passed ? 0 : 1;
  // The in-process stack of the cost phase leaves SDK sockets behind; nothing else is running.
  process.exit();
}

main().catch((error) => {
  console.error('[bench] failed:', error);
  process.exit(1);
});
