import type { DynamoDBRecord } from 'aws-lambda';
import type { DeadLetter } from './dead-letters';

export type Outcome = { ok: true } | { ok: false; failed: DynamoDBRecord[]; firstFailedIndex: number; reason: string };

const sequenceOf = (record: DynamoDBRecord) => record.dynamodb?.SequenceNumber;

/**
 * Reads a consumer's answer the way Lambda does with ReportBatchItemFailures: nothing, or an
 * empty or null `batchItemFailures`, is complete success; failures name sequence numbers of the
 * batch; a malformed answer or an identifier not in the batch fails the whole batch.
 */
export function outcomeOf(batch: DynamoDBRecord[], response: unknown): Outcome {
  const whole = (reason: string): Outcome => ({ ok: false, failed: batch, firstFailedIndex: 0, reason });
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
  return {
    ok: false,
    failed: [...new Set(indexes)].sort((a, b) => a - b).map((index) => batch[index]!),
    firstFailedIndex: Math.min(...indexes),
    reason: 'reported in batchItemFailures',
  };
}

export interface DeliveryOptions {
  consumer: string;
  maxRetries: number;
  /** Pause before retry number `attempt` (1-based). */
  backoffMs: (attempt: number) => number;
  invoke: (batch: DynamoDBRecord[]) => Promise<unknown>;
  deadLetter: (letters: DeadLetter[]) => Promise<void>;
  sleep: (ms: number) => Promise<void>;
  log: (message: string, error?: unknown) => void;
}

/**
 * Delivers one batch like a Lambda event source mapping with partial batch responses: after a
 * failure it retries from the first failed record (later records included), up to `maxRetries`
 * times; a thrown error fails the whole batch. Progress (an earlier failure now passing) restarts
 * the count. What still fails after the last retry goes to the dead letters, then the batch is done.
 */
export async function deliverBatch(batch: DynamoDBRecord[], options: DeliveryOptions): Promise<void> {
  let pending = batch;
  let retries = 0;
  for (;;) {
    let outcome: Outcome;
    try {
      outcome = outcomeOf(pending, await options.invoke(pending));
    } catch (error) {
      options.log(`Stream consumer ${options.consumer} failed on a batch of ${pending.length}`, error);
      outcome = { ok: false, failed: pending, firstFailedIndex: 0, reason: `error: ${(error as Error)?.message ?? String(error)}` };
    }
    if (outcome.ok) return;
    if (outcome.firstFailedIndex > 0) retries = 0;
    pending = pending.slice(outcome.firstFailedIndex);
    if (retries >= options.maxRetries) {
      const failedAt = new Date().toISOString();
      options.log(`Stream consumer ${options.consumer}: ${outcome.failed.length} record(s) dead-lettered after ${retries + 1} attempt(s) (${outcome.reason})`);
      await options.deadLetter(
        outcome.failed.map((record) => ({ consumer: options.consumer, reason: outcome.reason, attempts: retries + 1, failedAt, record })),
      );
      return;
    }
    retries += 1;
    await options.sleep(options.backoffMs(retries));
  }
}
