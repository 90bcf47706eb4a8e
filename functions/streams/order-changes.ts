import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { EDITABLE_STATES, NOTIFIED_STEPS, ORDER_STATES, type OrderEventName, type OrderState } from '../core/order-states';

/** ElectroDB writes the entity name of every item into `__edb_e__`; orders are "order" (functions/data/entities/order.ts). */
export const ORDER_ENTITY = 'order';

/** An order entering a state (its creation is CREATED), or an approved order reaching a notified fulfilment step. */
export interface OrderChange {
  orderId: string;
  customerId: string;
  reference: string;
  /** The state entered, or the fulfilment step reached (READY, DELIVERED). */
  state: OrderEventName;
  comments?: string;
  /** When the order entered the state: its `updatedAt` in the new image, the same on every redelivery. */
  at: string;
}

const isOrderState = (value: unknown): value is OrderState => ORDER_STATES.includes(value as OrderState);
const isNotifiedStep = (value: unknown): value is (typeof NOTIFIED_STEPS)[number] => NOTIFIED_STEPS.includes(value as (typeof NOTIFIED_STEPS)[number]);

/**
 * Lambda event filter patterns (functions/streams/consumers.ts) that let through only what
 * `orderChangeOf` acts on: inserts of orders, and modifications where the old state is one an
 * order can leave (CREATED, PENDING) and the new state is any other, and modifications of orders
 * at a notified fulfilment step (READY, DELIVERED). A pattern cannot compare the old image with the
 * new, but it can enumerate: a MODIFY with the same state on both sides (an item edit) matches
 * none of the state patterns.
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
  // A notified step reached. The old image is not compared: Lambda's patterns have no `$or` to
  // cover orders approved before fulfilment existed (no step at all), and nothing but the steps
  // writes an order that is READY or DELIVERED; orderChangeOf ignores any same-step write.
  { eventName: ['MODIFY'], dynamodb: { NewImage: { __edb_e__: { S: [ORDER_ENTITY] }, fulfilment: { S: [...NOTIFIED_STEPS] } } } },
];

function image(value: Record<string, AttributeValue> | undefined): Record<string, unknown> | undefined {
  return value ? unmarshall(value) : undefined;
}

/** What a record tells the customer of: the state entered, the fulfilment step reached, or nothing. */
function eventOf(record: DynamoDBRecord, next: Record<string, unknown>): OrderEventName | null {
  if (!isOrderState(next.state)) return null;
  if (record.eventName === 'INSERT') return next.state === 'CREATED' ? 'CREATED' : null;
  if (record.eventName !== 'MODIFY') return null;
  const previous = image(record.dynamodb?.OldImage as Record<string, AttributeValue> | undefined);
  if (!previous) return null;
  if (previous.state !== next.state) return next.state;
  return isNotifiedStep(next.fulfilment) && previous.fulfilment !== next.fulfilment ? next.fulfilment : null;
}

/**
 * The order change a stream record stands for, or null for anything else (other entities,
 * removals, item edits and other same-state modifications). The filters keep most of those
 * away; this is the check that does not depend on them.
 */
export function orderChangeOf(record: DynamoDBRecord): OrderChange | null {
  const next = image(record.dynamodb?.NewImage as Record<string, AttributeValue> | undefined);
  if (!next || next.__edb_e__ !== ORDER_ENTITY) return null;
  const event = eventOf(record, next);
  if (!event) return null;
  const { id, customerId, reference, comments, updatedAt, createdAt } = next as Record<string, string | undefined>;
  const at = updatedAt ?? createdAt;
  if (!id || !customerId || !reference || !at) return null;
  return {
    orderId: id,
    customerId,
    reference,
    state: event,
    ...(comments !== undefined && { comments }),
    at,
  };
}
