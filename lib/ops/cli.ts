import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { backfill } from './backfill';
import { createEmployee } from './create-employee';
import { replaySms } from './replay-sms';
import { resolveSms } from './resolve-sms';
import type { DrainEntry } from './replay-stream-failures';
import { OpsError, resolveTarget } from './targets';

const HELP = `Usage: npm run ops -- <command> [options]

Commands:
  create-employee --email E --name N --phone +254700000000 --password P [--stack S]
      Creates a Cognito user in group "employees" (confirmed, permanent password) and the
      employee profile. Targets the local stack (reads \${LOCAL_DATA_DIR:-.local}/stack.json;
      \`npm start\` must be running) unless --stack (or STACK_NAME) names a deployed
      CloudFormation stack, which is then used with your AWS credentials and AWS_REGION.
  replay-sms [--max N] [--dry-run] [--stack S]
      Sends again the SMS in the dead-letter queue (those whose sending kept failing), marks
      their deliveries sent, and removes them from the queue; those still failing stay. Exits
      non-zero when any still fails. --dry-run lists them only. Each is claimed as the consumer
      claims it, so a replay beside the consumer or another replay never sends twice.
  resolve-sms --order O --event E --as sent|resend [--stack S]
      Decides an SMS whose outcome is unknown (status uncertain: the provider call timed out or
      the sender died after sending): --as sent records it as sent (you checked it went out),
      --as resend sends it again through a claim (you checked it did not).
  replay-stream-failures [--max N] [--dry-run] [--stack S]
      Drains the stream consumers' on-failure queue (batches whose retries ran out): re-reads
      each batch from the table's stream and hands it to its consumer again (nothing is sent
      twice); a batch the stream no longer holds (after 24 hours) is reported lost, with the
      order events of its time that have no SMS delivery. Other messages stay in the queue.
      Exits non-zero when any batch still fails or is lost. --dry-run lists the batches only.
  backfill [--stack S]
      Brings data written before v1.1 up to it: writes the search entries of customers
      registered before customer search existed, and gives orders approved before fulfilment
      existed their step (PREPARING). Safe to run again; run it once after deploying v1.1.
  help
      Shows this text.
`;

async function createEmployeeCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      phone: { type: 'string' },
      stack: { type: 'string' },
    },
    strict: true,
  });
  const missing = (['email', 'name', 'phone', 'password'] as const).filter((option) => !values[option]);
  if (missing.length) throw new OpsError(`Missing ${missing.map((option) => `--${option}`).join(', ')}.\n\n${HELP}`);
  const target = await resolveTarget(values.stack ?? process.env.STACK_NAME);
  const employee = await createEmployee(target, {
    email: values.email!,
    name: values.name!,
    password: values.password!,
    phoneNumber: values.phone!,
  });
  console.log(`Created employee ${employee.email} (id ${employee.id}) in the ${target.description}.`);
}

/** The options both replays take: --max N, --dry-run and the target. */
async function replayArguments(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { max: { type: 'string', default: '100' }, 'dry-run': { type: 'boolean', default: false }, stack: { type: 'string' } },
    strict: true,
  });
  const max = Number(values.max);
  if (!Number.isInteger(max) || max < 1) throw new OpsError('--max must be a positive whole number.');
  return { max, dryRun: values['dry-run'], target: await resolveTarget(values.stack ?? process.env.STACK_NAME) };
}

async function replaySmsCommand(args: string[]): Promise<void> {
  const { max, dryRun, target } = await replayArguments(args);
  const report = await replaySms(target, { max, dryRun });
  for (const letter of report.letters) {
    console.log(`${letter.outcome.padEnd(8)} order ${letter.orderId} ${letter.state} to ${letter.to}${letter.detail ? `: ${letter.detail}` : ''}`);
  }
  const counts = Object.entries(report.counts).map(([outcome, count]) => `${count} ${outcome}`).join(', ');
  console.log(`${report.letters.length ? counts : 'The SMS dead-letter queue is empty'} (${target.description}).`);
  if (report.counts.failed > 0) throw new OpsError('Some SMS still fail; they stay in the queue.');
}

async function resolveSmsCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { order: { type: 'string' }, event: { type: 'string' }, as: { type: 'string' }, stack: { type: 'string' } }, strict: true });
  if (!values.order || !values.event || (values.as !== 'sent' && values.as !== 'resend')) throw new OpsError(`Give --order, --event and --as sent|resend.\n\n${HELP}`);
  const target = await resolveTarget(values.stack ?? process.env.STACK_NAME);
  const result = await resolveSms(target, { orderId: values.order, event: values.event, as: values.as });
  if (!result.resolved) throw new OpsError(`Not resolved: ${result.reason}.`);
  console.log(`Resolved order ${values.order} ${values.event} as ${result.as}${result.as === 'resend' ? ` (${result.attempt.outcome})` : ''} (${target.description}).`);
}

function describeEntry(entry: DrainEntry): string {
  const position = entry.position ? ` ${entry.consumer ?? '?'} ${entry.position.shardId} ${entry.position.startSequenceNumber}..${entry.position.endSequenceNumber}` : '';
  const events = entry.events?.length ? `: ${entry.events.map(({ orderId, event }) => `order ${orderId} ${event}`).join(', ')}` : '';
  const lost = entry.lost
    ? ` (${entry.lost.reason}; from ${entry.lost.window.from} to ${entry.lost.window.to} no SMS delivery for: ${
        entry.lost.events.map(({ orderId, event, at }) => `order ${orderId} ${event} at ${at}`).join(', ') || 'none found'
      })`
    : '';
  return `${entry.outcome.padEnd(11)}${position}${events}${lost}${entry.detail ? ` [${entry.detail}]` : ''}`;
}

async function replayStreamFailuresCommand(args: string[]): Promise<void> {
  const { max, dryRun, target } = await replayArguments(args);
  const { replayStreamFailures } = await import('./replay-stream-failures-target');
  const report = await replayStreamFailures(target, { max, dryRun, report: (entry) => console.log(describeEntry(entry)) });
  const counts = Object.entries(report.counts).filter(([, count]) => count > 0).map(([outcome, count]) => `${count} ${outcome}`).join(', ');
  console.log(`${report.entries.length ? counts : 'The stream on-failure queue is empty'} (${target.description}).`);
  if (report.counts.failed + report.counts.lost > 0) throw new OpsError('Some stream batches still fail or are lost: see above.');
}

async function backfillCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { stack: { type: 'string' } }, strict: true });
  const target = await resolveTarget(values.stack ?? process.env.STACK_NAME);
  const report = await backfill(target);
  const { scheduled, uncertain } = report.smsDeliveries;
  console.log(
    `Indexed ${report.customersIndexed} customers for search, gave ${report.ordersGivenFulfilment} approved orders their fulfilment step, handed ${scheduled} earlier pending SMS to the retry sweep and parked ${uncertain} as uncertain (${target.description}).`,
  );
}

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = {
  backfill: backfillCommand,
  'create-employee': createEmployeeCommand,
  'replay-sms': replaySmsCommand,
  'resolve-sms': resolveSmsCommand,
  'replay-stream-failures': replayStreamFailuresCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(HELP);
    return command ? 0 : 1;
  }
  const run = COMMANDS[command];
  if (!run) {
    console.error(`Unknown command "${command}".\n\n${HELP}`);
    return 1;
  }
  try {
    await run(args);
    return 0;
  } catch (error) {
    const message = error instanceof OpsError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? (error as Error).message : undefined;
    if (message) console.error(message);
    else if ((error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED' || (error as { code?: string }).code === 'ECONNREFUSED') {
      console.error('Could not reach the local stack: is `npm start` running?');
    } else console.error(error);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // The SDK's Node 20 end-of-support notice is noise in a command's output.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // SDK clients of functions/data keep sockets open: exit when the command is done.
  process.exit(await main(process.argv.slice(2)));
}
