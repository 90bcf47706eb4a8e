import { invalidTransition } from './errors';
import type { FulfilmentStep, OrderState } from './order-states';
import { fulfilmentOf, type Order } from './orders';

export type OrderAction = 'submit' | 'approve' | 'reject' | 'cancel';

const transitions: Record<OrderAction, { from: readonly OrderState[]; to: OrderState; done: string }> = {
  submit: { from: ['CREATED'], to: 'PENDING', done: 'submitted' },
  approve: { from: ['PENDING'], to: 'APPROVED', done: 'approved' },
  reject: { from: ['PENDING'], to: 'REJECTED', done: 'rejected' },
  cancel: { from: ['CREATED', 'PENDING'], to: 'CANCELED', done: 'canceled' },
};

/** The state an action leads to from `current`, or 409 invalid_transition. */
export function nextState(action: OrderAction, current: OrderState): OrderState {
  const transition = transitions[action];
  if (!transition.from.includes(current)) {
    throw invalidTransition(`An order in ${current} cannot be ${transition.done}.`, {
      currentState: current,
    });
  }
  return transition.to;
}

/** Approve and reject are reviews: they record who handled the order and when. */
export const isReview = (action: OrderAction) => action === 'approve' || action === 'reject';

/** Submitting and approving need items; rejecting an order emptied while pending does not. */
export const needsItems = (action: OrderAction) => action === 'submit' || action === 'approve';

export type FulfilmentAction = 'ready' | 'deliver';

const fulfilmentSteps: Record<FulfilmentAction, { from: FulfilmentStep; to: FulfilmentStep; done: string }> = {
  ready: { from: 'PREPARING', to: 'READY', done: 'marked ready' },
  deliver: { from: 'READY', to: 'DELIVERED', done: 'marked delivered' },
};

/** The fulfilment step an action leads to from the order's, or 409 invalid_transition naming both its state and step. */
export function nextFulfilment(action: FulfilmentAction, order: Pick<Order, 'state' | 'fulfilment'>): FulfilmentStep {
  const step = fulfilmentSteps[action];
  const current = fulfilmentOf(order);
  if (current !== step.from) {
    const where = current ? `an approved order that is ${current}` : `an order in ${order.state}`;
    throw invalidTransition(`${where[0]!.toUpperCase()}${where.slice(1)} cannot be ${step.done}.`, {
      currentState: order.state,
      currentFulfilment: current,
    });
  }
  return step.to;
}
