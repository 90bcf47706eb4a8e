import { forbidden, orderEmpty, orderNotEditable } from './errors';
import { EDITABLE_STATES, type FulfilmentStep, type OrderState } from './order-states';
import type { Caller } from './roles';

export interface OrderLine {
  itemId: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
}

export interface Order {
  id: string;
  reference: string;
  customerId: string;
  state: OrderState;
  lines: OrderLine[];
  comments?: string;
  handledBy?: string;
  reviewedAt?: string;
  /** Set on approval; absent on orders approved before fulfilment existed (they read as PREPARING). */
  fulfilment?: FulfilmentStep;
  readyAt?: string;
  deliveredAt?: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const MAX_LINES = 50;

/** Where an approved order is in its fulfilment; null for an order that is not approved. */
export const fulfilmentOf = (order: Pick<Order, 'state' | 'fulfilment'>): FulfilmentStep | null =>
  order.state === 'APPROVED' ? (order.fulfilment ?? 'PREPARING') : null;

/** The short reference customers see in messages: the last 6 characters of the id. */
export const orderReference = (orderId: string) => orderId.slice(-6).toUpperCase();

export const lineTotalCents = (line: OrderLine) => line.quantity * line.unitPriceCents;

export const orderTotalCents = (lines: OrderLine[]) => lines.reduce((sum, line) => sum + lineTotalCents(line), 0);

export const canSeeOrder = (caller: Caller, order: Pick<Order, 'customerId'>) =>
  caller.role === 'employee' || order.customerId === caller.id;

/** Customers order for themselves only; employees name the customer. */
export function checkOrderingFor(caller: Caller, customerId: unknown): void {
  const named = typeof customerId === 'string' ? customerId.trim() : customerId;
  if (caller.role === 'customer' && named !== undefined && named !== '' && named !== caller.id) {
    throw forbidden('Customers can only place orders for themselves.');
  }
}

/** Only employees set prices on order lines. */
export function checkMaySetPrice(caller: Caller, unitPrice: unknown): void {
  if (caller.role === 'customer' && unitPrice !== undefined) throw forbidden('Only employees can set a unit price.');
}

export function checkEditable(order: Order): void {
  if (!EDITABLE_STATES.includes(order.state)) {
    throw orderNotEditable(order.state);
  }
}

export function checkNotEmpty(order: Order): void {
  if (order.lines.length === 0) throw orderEmpty();
}
