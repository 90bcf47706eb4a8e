import { orderChangeFilters } from './order-changes';

/**
 * The stream consumers of the table, read by the CDK stack (event source mappings) and the local
 * stream poller. `handler` is a module under functions/ exporting `handler`; `filters` are Lambda
 * event filter patterns over the DynamoDB stream record, applied the same way in both places.
 */
export interface StreamConsumer {
  name: string;
  handler: string;
  filters: Record<string, unknown>[];
  batchSize: number;
  maxRetries: number;
  /** The mapping's BisectBatchOnFunctionError: a batch whose invocation throws is split in two and retried (default false). */
  bisectBatchOnError?: boolean;
  /** The mapping's ReportBatchItemFailures: `batchItemFailures` in the answer is honoured (default false: only a throw fails a batch). */
  reportBatchItemFailures?: boolean;
}

export const streamConsumers: StreamConsumer[] = [
  {
    // Order inserts and state changes → the customer's inbox and an SMS (contract section 6).
    name: 'OrderNotifications',
    handler: 'streams/order-notifications',
    filters: orderChangeFilters,
    // Records are handled one after another, each SMS call bounded by SMS_TIMEOUT_MS (5 s): five
    // slow sends still fit the consumer's 30 s timeout.
    batchSize: 5,
    // Only our own writes failing (DynamoDB) fail a record: the provider's trouble and other
    // invocations' leases are left on the delivery for the retry sweep (functions/notifications/sweep.ts).
    maxRetries: 10,
    bisectBatchOnError: true,
    reportBatchItemFailures: true,
  },
];
