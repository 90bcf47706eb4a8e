import { ProblemError } from './errors';
import type { OrderState } from './order-states';

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
    throw new ProblemError(409, 'invalid_transition', 'Invalid transition', `An order in ${current} cannot be ${transition.done}.`, {
      currentState: current,
    });
  }
  return transition.to;
}

/** Approve and reject are reviews: they record who handled the order and when. */
export const isReview = (action: OrderAction) => action === 'approve' || action === 'reject';

/** Submitting and approving need items; rejecting an order emptied while pending does not. */
export const needsItems = (action: OrderAction) => action === 'submit' || action === 'approve';
