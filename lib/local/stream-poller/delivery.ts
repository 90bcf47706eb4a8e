import type { DynamoDBRecord } from 'aws-lambda';
import type { FailureCondition } from './on-failure';

type Outcome = { ok: true } | { ok: false; firstFailedIndex: number; reason: string };

const sequenceOf = (record: DynamoDBRecord) => record.dynamodb?.SequenceNumber;

/**
 * Reads a consumer's answer the way Lambda does with ReportBatchItemFailures: nothing, or an
 * empty or null `batchItemFailures`, is complete success; failures name sequence numbers of the
 * batch; a malformed answer or an identifier not in the batch fails the whole batch.
 */
export function outcomeOf(batch: DynamoDBRecord[], response: unknown): Outcome {
  const whole = (reason: string): Outcome => ({ ok: false, firstFailedIndex: 0, reason });
  if (response === undefined || response === null) return { ok: true };
  if (typeof response !== 'object' || Array.isArray(response)) return whole('invalid response');
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return { ok: true };
  if (!Array.isArray(failures)) return whole('invalid batchItemFailures');
  if (failures.length === 0) return { ok: true };
  const indexes: number[] = [];
  for (const failure of failures) {
    const identifier = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    const index = typeof identifier === 'string' && identifier !== '' ? batch.findIndex((record) => sequenceOf(record) === identifier) : -1;
    if (index === -1) return whole(`unknown itemIdentifier ${JSON.stringify(identifier)}`);
    indexes.push(index);
  }
  return { ok: false, firstFailedIndex: Math.min(...indexes), reason: 'reported in batchItemFailures' };
}

/** An event source mapping's error handling, as CDK configures it from the consumer declaration. */
export interface MappingSettings {
  /** MaximumRetryAttempts; -1 retries until the record leaves the stream. */
  maxRetries: number;
  bisectBatchOnError: boolean;
  reportBatchItemFailures: boolean;
  /** MaximumRecordAgeInSeconds; -1 is no limit. */
  maxRecordAgeSeconds: number;
}

export interface GiveUp {
  condition: FailureCondition;
  invokeCount: number;
  functionError: boolean;
}

export interface DeliveryOptions {
  consumer: string;
  settings: MappingSettings;
  invoke: (batch: DynamoDBRecord[]) => Promise<unknown>;
  /** The on-failure destination: called once for every run of records given up on. */
  giveUp: (records: DynamoDBRecord[], how: GiveUp) => Promise<void>;
  /** Throws to abandon the batch (the poller is stopping); called before every invocation. */
  checkStopped: () => void;
  now: () => number;
  log: (message: string, error?: unknown) => void;
}

type Attempt = { ok: true } | { ok: false; from: number; functionError: boolean; reason: string };

async function attempt(batch: DynamoDBRecord[], options: DeliveryOptions): Promise<Attempt> {
  let response: unknown;
  try {
    response = await options.invoke(batch);
  } catch (error) {
    options.log(`Stream consumer ${options.consumer} failed on a batch of ${batch.length}`, error);
    return { ok: false, from: 0, functionError: true, reason: `error: ${(error as Error)?.message ?? String(error)}` };
  }
  // Without ReportBatchItemFailures, Lambda takes any answer as success.
  if (!options.settings.reportBatchItemFailures) return { ok: true };
  const outcome = outcomeOf(batch, response);
  return outcome.ok ? outcome : { ok: false, from: outcome.firstFailedIndex, functionError: false, reason: outcome.reason };
}

/** How many records at the head of the batch are older than MaximumRecordAgeInSeconds (records are in stream order). */
function expiredCount(batch: DynamoDBRecord[], maxAgeSeconds: number, now: number): number {
  if (maxAgeSeconds < 0) return 0;
  const fresh = batch.findIndex((record) => now - (record.dynamodb?.ApproximateCreationDateTime ?? 0) * 1000 <= maxAgeSeconds * 1000);
  return fresh === -1 ? batch.length : fresh;
}

/**
 * Delivers one batch like a Lambda event source mapping: a failed invocation is retried at once,
 * the whole batch (or, with a partial batch response, from the first failed record on), up to
 * maxRetries times, and nothing behind it moves meanwhile. A thrown error with bisect on splits
 * the batch in two instead, which costs no retry. Records past the max age, and what still fails
 * after the last retry, go to `giveUp` as one run each; then the batch is done.
 */
export async function deliverBatch(batch: DynamoDBRecord[], options: DeliveryOptions, retriesBefore = 0): Promise<void> {
  const { settings } = options;
  let pending = batch;
  let retries = retriesBefore;
  let invocations = 0;
  while (pending.length > 0) {
    const expired = expiredCount(pending, settings.maxRecordAgeSeconds, options.now());
    if (expired > 0) {
      await options.giveUp(pending.slice(0, expired), { condition: 'RecordAgeExceeded', invokeCount: invocations, functionError: false });
      pending = pending.slice(expired);
      continue;
    }
    // No wait, but a turn of the event loop: a consumer that fails at once must not starve the process (stop included).
    await new Promise((resolve) => setImmediate(resolve));
    options.checkStopped();
    invocations += 1;
    const result = await attempt(pending, options);
    if (result.ok) return;
    if (result.functionError && settings.bisectBatchOnError && pending.length > 1) {
      const half = Math.ceil(pending.length / 2);
      await deliverBatch(pending.slice(0, half), options, retries);
      await deliverBatch(pending.slice(half), options, retries);
      return;
    }
    pending = pending.slice(result.from);
    if (settings.maxRetries >= 0 && retries >= settings.maxRetries) {
      options.log(`Stream consumer ${options.consumer}: a batch of ${pending.length} record(s) failed after ${invocations} invocation(s) (${result.reason}); its position goes to the on-failure destination`);
      await options.giveUp(pending, { condition: 'RetryAttemptsExhausted', invokeCount: invocations, functionError: result.functionError });
      return;
    }
    retries += 1;
  }
}
