import { describe, expect, it } from 'vitest';
import { DomainError } from '../../functions/core/errors';
import { ORDER_STATES, type OrderState } from '../../functions/core/order-states';
import { isReview, needsItems, nextState, type OrderAction } from '../../functions/core/transitions';
import { thrown } from '../support/thrown';

/** Contract section 5: CREATED → PENDING → APPROVED | REJECTED; CANCELED from CREATED or PENDING. */
const legal: Record<OrderAction, Partial<Record<OrderState, OrderState>>> = {
  submit: { CREATED: 'PENDING' },
  approve: { PENDING: 'APPROVED' },
  reject: { PENDING: 'REJECTED' },
  cancel: { CREATED: 'CANCELED', PENDING: 'CANCELED' },
};

const actions = Object.keys(legal) as OrderAction[];
const pairs = actions.flatMap((action) => ORDER_STATES.map((state) => [action, state, legal[action][state] ?? null] as const));

describe('nextState over every action × state', () => {
  it.each(pairs.filter(([, , to]) => to !== null))('%s from %s leads to %s', (action, state, to) => {
    expect(nextState(action, state)).toBe(to);
  });

  it.each(pairs.filter(([, , to]) => to === null))('%s from %s is invalid_transition with currentState', (action, state) => {
    const error = thrown(() => nextState(action, state));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'invalid_transition', facts: { currentState: state } });
    expect((error as DomainError).detail).toEqual(expect.any(String));
  });

  it('the final states allow no action at all', () => {
    for (const state of ['APPROVED', 'REJECTED', 'CANCELED'] as const) {
      for (const action of actions) expect(() => nextState(action, state)).toThrow(DomainError);
    }
  });
});

describe('isReview and needsItems', () => {
  it.each([
    ['submit', false, true],
    ['approve', true, true],
    ['reject', true, false],
    ['cancel', false, false],
  ] as const)('%s: review %s, needs items %s', (action, review, items) => {
    expect(isReview(action)).toBe(review);
    expect(needsItems(action)).toBe(items);
  });
});
