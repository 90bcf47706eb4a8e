import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { stockState } from '../core/inventory';

/** What staff are told: an order waiting for review, or a drink running low or out. No customer data. */
export type StaffAlert =
  | { type: 'OrderPendingReview'; orderId: string; reference: string; at: string }
  | { type: 'StockFewRemaining' | 'StockOutOfStock'; itemId: string; name: string; onHand: number; at: string };

export const ORDER_ENTITY = 'order';
export const INVENTORY_ENTITY = 'inventoryItem';

/**
 * Lambda event filters of the staff-alerts consumer: orders entering PENDING, and inventory items
 * changed or created (whether the stock state crossed is computed from onHand and warnLimit, which a
 * filter cannot compare). alertOf checks each record again.
 */
export const staffAlertFilters: Record<string, unknown>[] = [
  {
    eventName: ['MODIFY'],
    dynamodb: {
      OldImage: { state: { S: [{ 'anything-but': ['PENDING'] }] } },
      NewImage: { __edb_e__: { S: [ORDER_ENTITY] }, state: { S: ['PENDING'] } },
    },
  },
  { eventName: ['INSERT', 'MODIFY'], dynamodb: { NewImage: { __edb_e__: { S: [INVENTORY_ENTITY] } } } },
];

type Image = Record<string, unknown>;
const image = (value: unknown): Image | undefined => (value ? (unmarshall(value as Record<string, AttributeValue>) as Image) : undefined);

function orderAlert(previous: Image | undefined, next: Image): StaffAlert | null {
  if (next.state !== 'PENDING' || previous?.state === 'PENDING') return null;
  const { id, reference, updatedAt } = next as Record<string, string | undefined>;
  if (!id || !reference || !updatedAt) return null;
  return { type: 'OrderPendingReview', orderId: id, reference, at: updatedAt };
}

const stateOf = (item: Image | undefined) => (item && typeof item.onHand === 'number' && typeof item.warnLimit === 'number' ? stockState(item.onHand, item.warnLimit) : undefined);

function stockAlert(previous: Image | undefined, next: Image): StaffAlert | null {
  const [before, after] = [stateOf(previous), stateOf(next)];
  if (!after || after === before || after === 'AVAILABLE' || next.listing !== 'active') return null;
  const { id, name, updatedAt } = next as Record<string, string | undefined>;
  if (!id || !name || !updatedAt) return null;
  const type = after === 'OUT_OF_STOCK' ? 'StockOutOfStock' : 'StockFewRemaining';
  return { type, itemId: id, name, onHand: next.onHand as number, at: updatedAt };
}

/** The alert a stream record stands for, or null (another entity, no crossing, a removal). */
export function alertOf(record: DynamoDBRecord): StaffAlert | null {
  if (record.eventName === 'REMOVE') return null;
  const next = image(record.dynamodb?.NewImage);
  if (!next) return null;
  const previous = image(record.dynamodb?.OldImage);
  if (next.__edb_e__ === ORDER_ENTITY) return orderAlert(previous, next);
  if (next.__edb_e__ === INVENTORY_ENTITY) return stockAlert(previous, next);
  return null;
}

/** The same on every redelivery of the record, and different for each crossing: the key that makes publishing at most once. */
export const alertKey = (alert: StaffAlert) =>
  alert.type === 'OrderPendingReview' ? `staff-alert#order#${alert.orderId}#PENDING#${alert.at}` : `staff-alert#item#${alert.itemId}#${alert.type}#${alert.at}`;

export function alertSubject(alert: StaffAlert): string {
  if (alert.type === 'OrderPendingReview') return `Order ${alert.reference} is waiting for review`;
  return alert.type === 'StockOutOfStock' ? `${alert.name} is out of stock` : `${alert.name} is running low (${alert.onHand} left)`;
}
