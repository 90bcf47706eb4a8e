import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../platform/config';
import { traceClient } from '../platform/tracer';

const endpoint = config.dynamodbEndpoint;

/** Module scope: created once per Lambda container and reused while warm. */
export const dynamodb = traceClient(
  new DynamoDBClient({
    region: config.region,
    maxAttempts: 3,
    ...(endpoint && {
      endpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      // Fail fast when DynamoDB Local is down, the way a Lambda would time out early in AWS.
      requestHandler: { connectionTimeout: 1000, requestTimeout: 5000 },
    }),
  }),
);

export const documentClient = DynamoDBDocumentClient.from(dynamodb, {
  marshallOptions: { removeUndefinedValues: true },
});
