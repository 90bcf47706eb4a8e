import type { Order } from '../api/types';

/** The steps an employee takes with an approved order, and the words for them. */
export type Step = 'ready' | 'deliver';
export const FULFILMENT_STEPS: Record<Step, { label: string; done: string }> = {
  ready: { label: 'Mark ready', done: 'marked ready' },
  deliver: { label: 'Mark delivered', done: 'marked delivered' },
};

/** The next fulfilment step of an order, or none (not approved, or delivered already). */
export function nextStep(order: Pick<Order, 'state' | 'fulfilment'>): Step | undefined {
  if (order.state !== 'APPROVED') return undefined;
  if (order.fulfilment === 'PREPARING') return 'ready';
  if (order.fulfilment === 'READY') return 'deliver';
  return undefined;
}
