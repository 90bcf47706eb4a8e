import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { idempotencyTableDesign, tableDesign } from '../../functions/data/table-design';

const S = 'S' as const;

const indexDefinition = (index: (typeof tableDesign.globalIndexes)[number]) => ({
  IndexName: index.indexName,
  KeySchema: [
    { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
    { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
  ],
  Projection: { ProjectionType: 'ALL' as const },
});

/**
 * Creates the service table exactly as tableDesign describes it (the CDK stack reads the same),
 * or adds the indexes a table kept from an older version lacks (as a CloudFormation update does).
 */
export async function createServiceTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const keyNames = [
    tableDesign.partitionKey,
    tableDesign.sortKey,
    ...tableDesign.globalIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  ];
  const created = await createIfMissing(client, tableName, tableDesign.timeToLiveAttribute, {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: keyNames.map((AttributeName) => ({ AttributeName, AttributeType: S })),
    KeySchema: [
      { AttributeName: tableDesign.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableDesign.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: tableDesign.globalIndexes.map(indexDefinition),
    StreamSpecification: { StreamEnabled: true, StreamViewType: tableDesign.streamView },
  });
  const present = new Set(created.Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName));
  for (const index of tableDesign.globalIndexes.filter((candidate) => !present.has(candidate.indexName))) {
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [index.partitionKey, index.sortKey].map((AttributeName) => ({ AttributeName, AttributeType: S })),
        GlobalSecondaryIndexUpdates: [{ Create: indexDefinition(index) }],
      }),
    );
  }
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
) {
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
  return client.send(new DescribeTableCommand({ TableName: tableName }));
}
