import { indexOfPattern } from '../../functions/data/table-entities';
import { tableAccessOf, type DataAccess, type RouteDeclaration } from '../../functions/route-declaration';

/**
 * The DynamoDB actions a function may call on one table: `actions` on the table itself, Query on
 * each of `queriedIndexes` (`table/<name>/index/<index>`). Transactions need no actions of their
 * own: IAM checks each item of TransactWriteItems (TransactGetItems) as its PutItem, UpdateItem,
 * DeleteItem (GetItem).
 */
export interface TableGrants {
  readonly actions: readonly string[];
  readonly queriedIndexes: readonly string[];
}

/** What a route's function may touch, derived from its declaration's `data` and `idempotent`. */
export interface RouteAccess {
  readonly table: TableGrants;
  /** Powertools' idempotency table: only for the POSTs the contract makes idempotent. */
  readonly idempotency: boolean;
  /** Cognito administrator actions on the user pool (the public Cognito APIs need no IAM). */
  readonly cognitoActions: readonly string[];
  /** The key that signs list cursors (and fingerprints secrets: keyedDigest). */
  readonly cursorSecret: boolean;
  readonly africasTalkingSecret: boolean;
  readonly hostedLogin: boolean;
}

/**
 * Reading by key grants GetItem and BatchGetItem alike (the same items, one or many at a time);
 * writing grants PutItem and UpdateItem alike (either creates or replaces any item it may name).
 */
export function tableGrantsOf(data: DataAccess): TableGrants {
  const actions = new Set<string>();
  const queriedIndexes = new Set<string>();
  if (data.reads?.length) actions.add('GetItem').add('BatchGetItem');
  for (const pattern of data.queries ?? []) {
    const index = indexOfPattern(pattern);
    if (index) queriedIndexes.add(index);
    else actions.add('Query');
  }
  if (data.writes?.length) actions.add('PutItem').add('UpdateItem');
  if (data.deletes?.length) actions.add('DeleteItem');
  return { actions: [...actions].sort(), queriedIndexes: [...queriedIndexes].sort() };
}

/** What Powertools idempotency does with its table: reads, saves, completes and removes one record. */
export const idempotencyTableGrants: TableGrants = { actions: ['DeleteItem', 'GetItem', 'PutItem', 'UpdateItem'], queriedIndexes: [] };

export function accessFor(route: RouteDeclaration): RouteAccess {
  return {
    table: tableGrantsOf(route.data),
    idempotency: route.idempotent ?? false,
    cognitoActions: (route.data.cognito ?? []).filter((call) => call.startsWith('Admin')).map((call) => `cognito-idp:${call}`),
    // Any GET that reads may be a list; the key lets it sign and check cursors, nothing more.
    cursorSecret: (route.method === 'GET' && tableAccessOf(route) !== 'none') || (route.data.signingKey ?? false),
    africasTalkingSecret: route.data.africasTalkingSecret ?? false,
    hostedLogin: route.data.hostedLogin ?? false,
  };
}
