import { AsyncLocalStorage } from 'node:async_hooks';
import { findRoute, type RouteKey } from '../../functions/routes';
import { accessFor, idempotencyTableGrants, type TableGrants } from '../../lib/constructs/route-access';

/**
 * The DynamoDB requests each route's handler makes in a test file, by route: `invoke`
 * (test/fixtures/events.ts) runs every handler inside `asRoute`, and a middleware on the functions'
 * own DynamoDB client records each request with the route it was made for, as IAM sees it (one
 * action per item of a transaction or batch). After each file, per-file-env.ts asserts that every
 * one is within the grants CDK derives from that route's declaration (lib/constructs/route-access.ts).
 */

export interface DynamoDbRequest {
  readonly action: string;
  /** The service table and the idempotency table by role (a local stack names them otherwise), any other by name. */
  readonly table: string;
  readonly index?: string;
}

type Input = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const TRANSACTION_ITEM_ACTIONS: Readonly<Record<string, string>> = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', ConditionCheck: 'ConditionCheckItem', Get: 'GetItem' };

/** The IAM actions and resources one SDK command needs. */
export function requestsOf(commandName: string, input: Input): DynamoDbRequest[] {
  const action = commandName.replace(/Command$/, '');
  if (action === 'TransactWriteItems' || action === 'TransactGetItems') {
    return (input.TransactItems as Input[]).map((item) => {
      const [kind, operation] = Object.entries(item)[0] as [string, Input];
      return { action: TRANSACTION_ITEM_ACTIONS[kind] ?? kind, table: operation.TableName as string };
    });
  }
  if (action === 'BatchGetItem' || action === 'BatchWriteItem') return Object.keys(input.RequestItems as Input).map((table) => ({ action, table }));
  return [{ action, table: input.TableName as string, ...(input.IndexName && { index: input.IndexName as string }) }];
}

/** Table names as the functions read them at the time of the request. */
function byRole(request: DynamoDbRequest): DynamoDbRequest {
  const role = { [process.env.TABLE_NAME!]: 'service', [process.env.IDEMPOTENCY_TABLE_NAME!]: 'idempotency' }[request.table];
  return { ...request, table: role ?? request.table };
}

type Recorded = Map<string, DynamoDbRequest[]>;
const currentRoute = new AsyncLocalStorage<DynamoDbRequest[]>();
const made: Recorded = new Map();
let recording: Promise<void> | undefined;

async function startRecording(): Promise<void> {
  // Imported here, not above: the client reads its endpoint when first imported, after the test file set it.
  const { dynamodb } = await import('../../functions/data/client');
  dynamodb.middlewareStack.add(
    (next, context) => async (args) => {
      currentRoute.getStore()?.push(...requestsOf(context.commandName ?? 'unknown', args.input as Input).map(byRole));
      return next(args);
    },
    { step: 'initialize', name: 'testRouteRequests' },
  );
}

/** Runs a route's handler, recording its DynamoDB requests as that route's (in this file's record, or `into`). */
export async function asRoute<T>(routeKey: string, work: () => Promise<T>, into: Recorded = made): Promise<T> {
  await (recording ??= startRecording());
  if (!into.has(routeKey)) into.set(routeKey, []);
  return currentRoute.run(into.get(routeKey)!, work);
}

export const recordedRequests = (): ReadonlyMap<string, readonly DynamoDbRequest[]> => made;

function within(grants: TableGrants, request: DynamoDbRequest): boolean {
  if (request.index) return request.action === 'Query' && grants.queriedIndexes.includes(request.index);
  return grants.actions.includes(request.action);
}

/** Each request a route made that its grants do not allow, as `route: action table[/index]`. */
export function ungrantedRequests(requests: ReadonlyMap<string, readonly DynamoDbRequest[]> = made): string[] {
  const found = new Set<string>();
  for (const [key, list] of requests) {
    const route = findRoute(key as RouteKey);
    const access = accessFor(route);
    for (const request of list) {
      const allowed =
        request.table === 'service'
          ? within(access.table, request)
          : request.table === 'idempotency' && access.idempotency && within(idempotencyTableGrants, request);
      if (!allowed) found.add(`${key}: ${request.action} ${request.table}${request.index ? `/index/${request.index}` : ''}`);
    }
  }
  return [...found].sort();
}
