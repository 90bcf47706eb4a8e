import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { smsMetrics } from '../notifications/metrics';
import { createNotifier, type Notifier } from '../notifications/notify';
import { configuredAttemptSettings } from '../notifications/configured';
import { logger } from '../platform/logger';
import { inSubsegment, traced } from '../platform/tracer';
import { orderChangeOf } from './order-changes';

/** Thrown for the records after a failed one: they wait for the retry, which starts at the failed record anyway. */
export class HeldBackAfterFailure extends Error {
  constructor() {
    super('Held back: an earlier record of this batch failed and is retried first');
    this.name = 'HeldBackAfterFailure';
  }
}

/**
 * The order-notifications stream consumer: each order insert or state change becomes an inbox
 * message and an SMS attempt (functions/notifications/notify.ts). Records are handled one after
 * another, in stream order; a record fails only when our own writes fail (the provider's trouble
 * and other invocations' leases are recorded on the delivery for the retry sweep). Once one fails,
 * the rest of the batch is reported failed without being handled, since the event source retries
 * from the first failed record.
 */
export function orderNotificationsHandler(notifier: Notifier) {
  return async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> => {
    // One per invocation: a processor holds the batch's state, and the local stack may run invocations side by side.
    const processor = new BatchProcessor(EventType.DynamoDBStreams);
    logger.addContext(context);
    let failed = false;
    const handleRecord = async (record: DynamoDBRecord): Promise<void> => {
      if (failed) throw new HeldBackAfterFailure();
      const change = orderChangeOf(record);
      if (!change) return;
      try {
        await inSubsegment('order notification', { orderId: change.orderId }, () => notifier.notify(change));
      } catch (error) {
        failed = true;
        logger.warn('Order notification failed; the record is retried', {
          sequenceNumber: record.dynamodb?.SequenceNumber,
          orderId: change.orderId,
          state: change.state,
          error: error as Error,
        });
        throw error;
      }
    };
    try {
      return await processPartialResponse(event, handleRecord, processor, {
        context,
        processInParallel: false,
        throwOnFullBatchFailure: false,
      });
    } finally {
      if (smsMetrics.hasStoredMetrics()) smsMetrics.publishStoredMetrics();
    }
  };
}

let configured: ReturnType<typeof orderNotificationsHandler> | undefined;

const fromConfig = () => orderNotificationsHandler(createNotifier(configuredAttemptSettings()));

export const handler = traced((event: DynamoDBStreamEvent, context: Context) => (configured ??= fromConfig())(event, context));
