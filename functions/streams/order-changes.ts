import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { EDITABLE_STATES, ORDER_STATES, type OrderState } from '../core/order-states';

/** ElectroDB writes the entity name of every item into `__edb_e__`; orders are "order" (functions/data/entities/order.ts). */
export const ORDER_ENTITY = 'order';

/** An order entering a state: its creation (CREATED) or a change of its state. */
export interface OrderChange {
  orderId: string;
  customerId: string;
  reference: string;
  state: OrderState;
  comments?: string;
  /** When the order entered the state: its `updatedAt` in the new image, the same on every redelivery. */
  at: string;
}

const isOrderState = (value: unknown): value is OrderState => ORDER_STATES.includes(value as OrderState);

/**
 * Lambda event filter patterns (functions/streams/consumers.ts) that let through only what
 * `orderChangeOf` acts on: inserts of orders, and modifications where the old state is one an
 * order can leave (CREATED, PENDING) and the new state is any other. A pattern cannot compare the
 * old image with the new, but it can enumerate: a MODIFY with the same state on both sides (an
 * item edit) matches none of them.
 */
export const orderChangeFilters: Record<string, unknown>[] = [
  { eventName: ['INSERT'], dynamodb: { NewImage: { __edb_e__: { S: [ORDER_ENTITY] }, state: { S: ['CREATED'] } } } },
  ...EDITABLE_STATES.map((from) => ({
    eventName: ['MODIFY'],
    dynamodb: {
      OldImage: { __edb_e__: { S: [ORDER_ENTITY] }, state: { S: [from] } },
      NewImage: { __edb_e__: { S: [ORDER_ENTITY] }, state: { S: [{ 'anything-but': [from] }] } },
    },
  })),
];

function image(value: Record<string, AttributeValue> | undefined): Record<string, unknown> | undefined {
  return value ? unmarshall(value) : undefined;
}

/**
 * The order change a stream record stands for, or null for anything else (other entities,
 * removals, item edits and other same-state modifications). The filters keep most of those
 * away; this is the check that does not depend on them.
 */
export function orderChangeOf(record: DynamoDBRecord): OrderChange | null {
  const next = image(record.dynamodb?.NewImage as Record<string, AttributeValue> | undefined);
  if (!next || next.__edb_e__ !== ORDER_ENTITY || !isOrderState(next.state)) return null;
  if (record.eventName === 'INSERT') {
    if (next.state !== 'CREATED') return null;
  } else if (record.eventName === 'MODIFY') {
    const previous = image(record.dynamodb?.OldImage as Record<string, AttributeValue> | undefined);
    if (!previous || previous.state === next.state) return null;
  } else return null;
  const { id, customerId, reference, comments, updatedAt, createdAt } = next as Record<string, string | undefined>;
  const at = updatedAt ?? createdAt;
  if (!id || !customerId || !reference || !at) return null;
  return {
    orderId: id,
    customerId,
    reference,
    state: next.state,
    ...(comments !== undefined && { comments }),
    at,
  };
}
