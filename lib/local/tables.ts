import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { idempotencyTableDesign, tableDesign } from '../../functions/data/table-design';

const S = 'S' as const;

/** Creates the service table exactly as tableDesign describes it (the CDK stack reads the same). */
export async function createServiceTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const keyNames = [
    tableDesign.partitionKey,
    tableDesign.sortKey,
    ...tableDesign.globalIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  ];
  await createIfMissing(client, tableName, tableDesign.timeToLiveAttribute, {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: keyNames.map((AttributeName) => ({ AttributeName, AttributeType: S })),
    KeySchema: [
      { AttributeName: tableDesign.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableDesign.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: tableDesign.globalIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: tableDesign.streamView },
  });
}

export async function createIdempotencyTable(client: DynamoDBClient, tableName: string): Promise<void> {
  await createIfMissing(client, tableName, idempotencyTableDesign.timeToLiveAttribute, {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: idempotencyTableDesign.partitionKey, AttributeType: S }],
    KeySchema: [{ AttributeName: idempotencyTableDesign.partitionKey, KeyType: 'HASH' }],
  });
}

async function createIfMissing(
  client: DynamoDBClient,
  tableName: string,
  ttlAttribute: string,
  input: ConstructorParameters<typeof CreateTableCommand>[0],
): Promise<void> {
  try {
    await client.send(new CreateTableCommand(input));
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: ttlAttribute, Enabled: true },
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  await client.send(new DescribeTableCommand({ TableName: tableName }));
}
