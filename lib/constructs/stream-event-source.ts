import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { StreamConsumer } from '../../functions/streams/consumers';
import type { StageSettings } from '../stage';

/** Mapping settings every stream consumer shares; the registry gives each its filters, batch size, retries, bisect and partial responses. */
export const mappingDefaults = {
  // A new mapping starts at the newest record: replaying a day of history would resend old SMS.
  startingPosition: StartingPosition.LATEST,
  parallelizationFactor: 1,
} as const;

/**
 * The table's stream feeding one consumer of the registry, as it declares it, with the stage's
 * max record age and `dlq` for the
 * positions of batches that fail for good.
 */
export function streamEventSource(table: ITable, consumer: StreamConsumer, dlq: IQueue, settings: StageSettings): DynamoEventSource {
  return new DynamoEventSource(table, {
    ...mappingDefaults,
    batchSize: consumer.batchSize,
    retryAttempts: consumer.maxRetries,
    // The local poller reads the same two declarations, so it retries exactly as the mapping does.
    bisectBatchOnError: consumer.bisectBatchOnError ?? false,
    reportBatchItemFailures: consumer.reportBatchItemFailures ?? false,
    maxRecordAge: settings.maxStreamRecordAge,
    filters: consumer.filters.map((pattern) => FilterCriteria.filter(pattern)),
    onFailure: new SqsDlq(dlq),
  });
}
