import { expect, it } from 'vitest';
import { staffAlertsConsumer } from '../../functions/alerts/consumer';
import { streamConsumers } from '../../functions/streams/consumers';
import { resourcesOf, synthShop } from './synth';

const mappings = Object.values(resourcesOf(synthShop().template, 'AWS::Lambda::EventSourceMapping'));

// The local stream poller runs each consumer with the settings of its declaration: the deployed mappings must have the same.
it.each([...streamConsumers, staffAlertsConsumer].map((consumer) => [consumer.name, consumer] as const))(
  'deploys the mapping of %s with the error handling its declaration gives the local poller',
  (name, consumer) => {
    const [mapping, ...others] = mappings.filter((candidate) => JSON.stringify(candidate.Properties!.FunctionName).includes(name));
    expect(others).toEqual([]);
    const properties = mapping!.Properties!;
    expect({
      batchSize: properties.BatchSize,
      maxRetries: properties.MaximumRetryAttempts,
      bisectBatchOnError: properties.BisectBatchOnFunctionError ?? false,
      reportBatchItemFailures: ((properties.FunctionResponseTypes as string[] | undefined) ?? []).includes('ReportBatchItemFailures'),
    }).toEqual({
      batchSize: consumer.batchSize,
      maxRetries: consumer.maxRetries,
      bisectBatchOnError: consumer.bisectBatchOnError ?? false,
      reportBatchItemFailures: consumer.reportBatchItemFailures ?? false,
    });
  },
);
