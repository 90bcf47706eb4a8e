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
}

export const streamConsumers: StreamConsumer[] = [];
