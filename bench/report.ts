import type { measureBundles } from './bundles';
import type { measureCosts } from './cost';
import type { checkInvariants } from './invariants';
import type { Samples } from './stats';

/** The Django service this one replaces, measured on this machine under the same mix (8 users). */
export const BASELINE = { perSecond: 76, p99: 214 };
const THROUGHPUT_FACTOR = 4;
export const TARGETS = { perSecond: BASELINE.perSecond * THROUGHPUT_FACTOR, p99: BASELINE.p99 / 3, bundleKb: 400, coldStartRatio: 3 };

interface Results {
  date: string;
  machine: { cpus: number; cpuModel?: string; memoryGiB: number; node: string };
  settings: { users: number; seconds: number; dynamodbDiskSyncs: boolean };
  load: ReturnType<Samples['summary']>;
  invariants: Awaited<ReturnType<typeof checkInvariants>>;
  cost: Awaited<ReturnType<typeof measureCosts>>;
  bundles: Awaited<ReturnType<typeof measureBundles>>;
}

const mark = (ok: boolean) => (ok ? 'ok  ' : 'MISS');
const pad = (value: unknown, width: number) => String(value).padEnd(width);

/** The readable summary; `passed` is false when a correctness check fails (targets are reported, not enforced). */
export function report(results: Results): { text: string; passed: boolean } {
  const { load, invariants, cost, bundles, machine, settings } = results;
  const lines: string[] = [];
  lines.push(`Beverage shop bench, ${results.date}, ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}`);
  lines.push(`\nLoad: ${settings.users} virtual users for ${settings.seconds} s on the local stack (DynamoDB Local ${settings.dynamodbDiskSyncs ? 'syncing every write to disk' : 'without disk syncs: eatmydata'})`);
  lines.push(`${pad('endpoint', 46)}${pad('requests', 10)}${pad('req/s', 8)}${pad('p50', 8)}${pad('p95', 8)}${pad('p99', 8)}errors`);
  for (const row of load.endpoints) {
    lines.push(`${pad(row.endpoint, 46)}${pad(row.requests, 10)}${pad(row.perSecond, 8)}${pad(row.p50, 8)}${pad(row.p95, 8)}${pad(row.p99, 8)}${row.errors}`);
  }
  const { total } = load;
  lines.push(`${pad('all', 46)}${pad(total.requests, 10)}${pad(total.perSecond, 8)}${pad(total.p50, 8)}${pad(total.p95, 8)}${pad(total.p99, 8)}${total.errors}`);
  lines.push(`  ${mark(total.perSecond >= TARGETS.perSecond)} throughput ${total.perSecond} req/s = ${(total.perSecond / BASELINE.perSecond).toFixed(1)}x the Django baseline (target ${THROUGHPUT_FACTOR}x)`);
  lines.push(`  ${mark(total.p99 <= TARGETS.p99)} p99 ${total.p99} ms = ${(total.p99 / BASELINE.p99).toFixed(2)} of the baseline's (target 0.33)`);

  lines.push('\nDynamoDB per request (one call of each endpoint; reads target 1 request, writes at most 2)');
  for (const row of cost.endpoints) {
    const isRead = row.endpoint.startsWith('GET');
    const ok = row.commands.every((command) => command !== 'ScanCommand') && row.calls <= (isRead ? 1 : 2);
    lines.push(`  ${mark(ok)} ${pad(row.endpoint, 46)}${pad(`${row.calls} calls`, 9)}${pad(`${row.readUnits} RRU`, 10)}${pad(`${row.writeUnits} WRU`, 10)}${row.commands.join(' ')}`);
  }
  const { lifecycle } = cost;
  lines.push(`  order lifecycle (${lifecycle.steps}): ${lifecycle.readUnits} RRU + ${lifecycle.writeUnits} WRU = $${lifecycle.dollars.toFixed(8)} on demand ($${(lifecycle.dollars * 1e6).toFixed(2)} per million orders)`);

  lines.push(`\nFunctions (empty handler: ${bundles.emptyHandler.kb} KB, cold ${bundles.emptyHandler.coldStartMs} ms)`);
  for (const fn of bundles.functions) {
    const http = fn.handler.startsWith('http/');
    const ok = !http || (fn.kb <= TARGETS.bundleKb && fn.coldStartRatio <= TARGETS.coldStartRatio);
    const heaviest = fn.heaviest.map((entry) => `${entry.name} ${entry.kb}`).join(', ');
    lines.push(`  ${mark(ok)} ${pad(fn.handler, 34)}${pad(`${fn.kb} KB`, 9)}${pad(`${fn.coldStartMs} ms`, 9)}${pad(`${fn.coldStartRatio}x`, 7)}${heaviest}`);
  }

  const scans = cost.endpoints.some((row) => row.commands.includes('ScanCommand'));
  const correct =
    total.errors === 0 && invariants.stockAccounted && invariants.impossibleOrders.length === 0 && invariants.sms.duplicates === 0 && invariants.sms.missing === 0 && !scans;
  lines.push('\nInvariants after the load');
  lines.push(`  ${mark(total.errors === 0)} no errors under load (${total.errors})`);
  lines.push(`  ${mark(invariants.stockAccounted)} stock deducted equals approved quantities (${invariants.stock.length} drinks)`);
  lines.push(`  ${mark(invariants.impossibleOrders.length === 0)} no order in an impossible state (${invariants.orders} orders)`);
  lines.push(`  ${mark(invariants.sms.duplicates === 0 && invariants.sms.missing === 0)} one SMS per order event: ${invariants.sms.sent} sent for ${invariants.sms.expected} events, ${invariants.sms.duplicates} twice, ${invariants.sms.missing} missing`);
  lines.push(`  ${mark(!scans)} no Scan`);
  return { text: lines.join('\n'), passed: correct };
}
