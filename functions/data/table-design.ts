/**
 * The one description of the table's keys, read by the CDK stack, the local stack and the tests,
 * so that DynamoDB Local runs exactly the table AWS runs.
 */
export const tableDesign = {
  partitionKey: 'pk',
  sortKey: 'sk',
  globalIndexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
    // Sparse: approved orders by fulfilment step (the employee boards).
    { indexName: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
  ],
  streamView: 'NEW_AND_OLD_IMAGES',
  timeToLiveAttribute: 'expiresAt',
} as const;

/** Powertools idempotency's table: its default key and TTL attribute names. */
export const idempotencyTableDesign = {
  partitionKey: 'id',
  timeToLiveAttribute: 'expiration',
} as const;
