import type { DynamoDBRecord } from 'aws-lambda';
import type { MessageQueue, QueuedMessage } from '../../functions/platform/message-queue';
import { outcomeOf } from '../local/stream-poller/delivery';
import type { Matcher } from '../local/stream-poller/filter-pattern';
import { isStreamBatchFailure, type StreamBatchFailure } from '../local/stream-poller/on-failure';
import type { LostOrderEvent } from './lost-order-events';
import type { PositionRead } from './stream-positions';

type Position = StreamBatchFailure['DDBStreamBatchInfo'];
export interface TimeWindow {
  from: string;
  to: string;
}

/** A stream consumer as its mapping runs it, for the records of its failed batches. */
export interface ReplayConsumer {
  name: string;
  batchSize: number;
  matches: Matcher;
  reportBatchItemFailures: boolean;
  invoke: (records: DynamoDBRecord[]) => Promise<unknown>;
  /** What a record tells of, for the summary (an order and its event), or null. */
  describe: (record: DynamoDBRecord) => { orderId: string; event: string } | null;
  /** What a window the stream no longer holds most likely carried. */
  lostEvents: (window: TimeWindow) => Promise<LostOrderEvent[]>;
}

export type DrainOutcome =
  /** Re-read from the stream and handled by its consumer: deleted. */
  | 'replayed'
  /** The stream no longer holds (all of) it: what was left is handled, the rest reported, and deleted. */
  | 'lost'
  /** The consumer failed again, or reading failed: kept for the next run. */
  | 'failed'
  /** A mapping record of a consumer this replay does not know: kept. */
  | 'kept'
  /** Not a mapping record (an SMS dead letter of the shared queue): handed to replaySmsMessage, deleted when it says so. */
  | 'sms-handled'
  | 'sms-kept'
  /** A dry run: listed only. */
  | 'listed';

export interface DrainEntry {
  outcome: DrainOutcome;
  receipt: string;
  consumer?: string;
  position?: Position;
  /** What was handed to the consumer. */
  events?: { orderId: string; event: string }[];
  lost?: { reason: string; window: TimeWindow; events: LostOrderEvent[] };
  detail?: string;
}

export interface DrainOptions {
  queue: MessageQueue;
  readPositions: (position: Position) => Promise<PositionRead>;
  consumerFor: (functionArn: string) => Promise<ReplayConsumer | undefined>;
  /** Default: leave the message in the queue. */
  replaySmsMessage?: (message: QueuedMessage) => Promise<'handled' | 'kept'>;
  /** Told of each message once its fate is known, before it is deleted. */
  report?: (entry: DrainEntry) => void;
  max?: number;
  dryRun?: boolean;
}

export interface DrainReport {
  entries: DrainEntry[];
  counts: Record<DrainOutcome, number>;
}

const DELETED = new Set<DrainOutcome>(['replayed', 'lost', 'sms-handled']);

/**
 * An event's time is taken just before its write, and arrival times are rounded down (to the
 * second in AWS, to the minute by DynamoDB Local): the window is widened by that much.
 */
const windowOf = (position: Position): TimeWindow => ({
  from: new Date(Date.parse(position.approximateArrivalOfFirstRecord) - 2_000).toISOString(),
  to: new Date(Date.parse(position.approximateArrivalOfLastRecord) + 60_000).toISOString(),
});

async function replayFailure(failure: StreamBatchFailure, options: DrainOptions): Promise<Omit<DrainEntry, 'receipt'>> {
  const position = failure.DDBStreamBatchInfo;
  const consumer = await options.consumerFor(failure.requestContext.functionArn);
  if (!consumer) return { outcome: 'kept', position, detail: `no stream consumer known for ${failure.requestContext.functionArn}` };
  if (options.dryRun) return { outcome: 'listed', consumer: consumer.name, position, detail: failure.requestContext.condition };
  const read = await options.readPositions(position);
  const records = read.records.filter(consumer.matches);
  for (let start = 0; start < records.length; start += consumer.batchSize) {
    const batch = records.slice(start, start + consumer.batchSize);
    const answer = await consumer.invoke(batch);
    const outcome = consumer.reportBatchItemFailures ? outcomeOf(batch, answer) : { ok: true as const };
    if (!outcome.ok) return { outcome: 'failed', consumer: consumer.name, position, detail: outcome.reason };
  }
  const entry = { consumer: consumer.name, position, events: records.flatMap((record) => consumer.describe(record) ?? []) };
  if (read.complete) return { outcome: 'replayed', ...entry };
  const window = windowOf(position);
  return { outcome: 'lost', ...entry, lost: { reason: read.reason, window, events: await consumer.lostEvents(window) } };
}

async function handle(message: QueuedMessage, options: DrainOptions): Promise<Omit<DrainEntry, 'receipt'>> {
  if (isStreamBatchFailure(message.message)) return replayFailure(message.message, options);
  if (options.dryRun || !options.replaySmsMessage) return { outcome: 'sms-kept', detail: 'not a stream batch record: left in the queue' };
  return { outcome: (await options.replaySmsMessage(message)) === 'handled' ? 'sms-handled' : 'sms-kept' };
}

/**
 * Drains the stream consumers' on-failure queue (`npm run ops -- replay-stream-failures`): each
 * record of a failed batch is re-read from the stream and handed to the consumer its mapping
 * invokes, whose own claims keep it from doing anything twice; a position the stream no longer
 * holds is reported lost, with the order events it most likely held. Goes on until a receive
 * brings nothing new; a message is deleted only once it is handled or reported.
 */
export async function drainStreamFailures(options: DrainOptions): Promise<DrainReport> {
  const max = options.max ?? 100;
  const seen = new Set<string>();
  const entries: DrainEntry[] = [];
  while (entries.length < max) {
    const fresh = (await options.queue.receive(Math.min(10, max - entries.length))).filter(({ receipt }) => !seen.has(receipt));
    if (fresh.length === 0) break;
    for (const message of fresh) {
      seen.add(message.receipt);
      let entry: DrainEntry;
      try {
        entry = { receipt: message.receipt, ...(await handle(message, options)) };
      } catch (error) {
        entry = { receipt: message.receipt, outcome: 'failed', detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
      }
      options.report?.(entry);
      if (DELETED.has(entry.outcome)) await options.queue.delete(message.receipt);
      entries.push(entry);
    }
  }
  const counts: Record<DrainOutcome, number> = { replayed: 0, lost: 0, failed: 0, kept: 0, 'sms-handled': 0, 'sms-kept': 0, listed: 0 };
  for (const entry of entries) counts[entry.outcome] += 1;
  return { entries, counts };
}
