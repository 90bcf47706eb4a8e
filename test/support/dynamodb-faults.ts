import { ScanCommand, TransactionConflictException, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { afterEach } from 'vitest';
import { dynamodb } from '../../functions/data/client';
import { tableDesign } from '../../functions/data/table-design';
import { faultsOn } from './client-faults';

/**
 * DynamoDB Local is always consistent and never meets a transaction in flight. This puts a
 * middleware on the functions' own DynamoDB client (the one every handler of this test file
 * uses) that, on demand, answers eventually consistent reads with stale copies the way a lagging
 * replica in AWS can, and one that fails chosen requests with the error AWS would answer.
 * Nothing of it is in the running service: it exists only in the test process that imports it.
 */

type Item = Record<string, AttributeValue>;
type Input = Record<string, unknown>;

const faults = faultsOn(dynamodb);
export const { failNext } = faults;
export const pendingFaults = faults.pending;

/** The table as it was when serveStaleCopies() was called, by key; null while reads are fresh. */
let replica: Map<string, Item> | null = null;
const keyOf = (key: Item) => `${key[tableDesign.partitionKey]?.S}|${key[tableDesign.sortKey]?.S}`;

function staleGet(input: Input) {
  if (!replica || input.ConsistentRead) return undefined;
  return { Item: replica.get(keyOf(input.Key as Item)) };
}

function staleBatchGet(input: Input) {
  const requests = Object.entries(input.RequestItems as Record<string, { Keys: Item[]; ConsistentRead?: boolean }>);
  if (!replica || requests.some(([, request]) => request.ConsistentRead)) return undefined;
  const copies = replica;
  const Responses = Object.fromEntries(
    requests.map(([table, request]) => [table, request.Keys.map((key) => copies.get(keyOf(key))).filter(Boolean)]),
  );
  return { Responses, UnprocessedKeys: {} };
}

const stale: Record<string, (input: Input) => object | undefined> = { GetItemCommand: staleGet, BatchGetItemCommand: staleBatchGet };

dynamodb.middlewareStack.add(
  (next, context) => async (args) => {
    const command = (context as { commandName?: string }).commandName ?? '';
    const copy = stale[command]?.(args.input as Input);
    if (copy) return { output: { $metadata: {}, ...copy }, response: {} } as Awaited<ReturnType<typeof next>>;
    return next(args);
  },
  { step: 'build', name: 'testStaleCopies' },
);

/** From now until serveFreshCopies(), eventually consistent reads see the table as it is now. */
export async function serveStaleCopies(): Promise<void> {
  const copies = new Map<string, Item>();
  let ExclusiveStartKey: Item | undefined;
  do {
    const page = await dynamodb.send(new ScanCommand({ TableName: process.env.TABLE_NAME, ExclusiveStartKey, ConsistentRead: true }));
    for (const item of page.Items ?? []) copies.set(keyOf(item), item);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  replica = copies;
}

export function serveFreshCopies(): void {
  replica = null;
}

/** What DynamoDB answers a single-item write on an item a running transaction holds. */
export const transactionConflict = () =>
  new TransactionConflictException({ message: 'Transaction is ongoing for the item', $metadata: { httpStatusCode: 400 } });

afterEach(() => {
  faults.clear();
  replica = null;
});
