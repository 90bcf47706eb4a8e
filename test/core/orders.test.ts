import { describe, expect, it } from 'vitest';
import { insufficientStock, DomainError } from '../../functions/core/errors';
import {
  canSeeOrder,
  checkEditable,
  checkMaySetPrice,
  checkNotEmpty,
  checkOrderingFor,
  lineTotalCents,
  MAX_LINES,
  orderReference,
  orderTotalCents,
  type Order,
} from '../../functions/core/orders';
import { ORDER_STATES, type OrderState } from '../../functions/core/order-states';
import type { Caller } from '../../functions/core/roles';
import { thrown } from '../support/thrown';

const alice: Caller = { id: 'alice', role: 'customer' };
const bob: Caller = { id: 'bob', role: 'customer' };
const staff: Caller = { id: 'emp-1', role: 'employee' };

const anOrder = (fields: Partial<Order> = {}): Order => ({
  id: '01JABCDEFGHJKMNPQRSTVWXYZ0',
  reference: 'XYZ0',
  customerId: 'alice',
  state: 'CREATED',
  lines: [{ itemId: 'latte', name: 'Latte', quantity: 3, unitPriceCents: 640 }],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
  ...fields,
});

describe('orderReference', () => {
  it('is the last 6 characters of the id, upper-cased', () => {
    expect(orderReference('01jabcdefghjkmnpqrstvwxyz0')).toBe('VWXYZ0');
    expect(orderReference('01HZY3K9QWERTY')).toBe('QWERTY');
    expect(orderReference('abcdef123456')).toBe('123456');
  });
});

describe('line and order totals', () => {
  it('a line totals quantity × unit price', () => {
    expect(lineTotalCents({ itemId: 'a', name: 'A', quantity: 3, unitPriceCents: 640 })).toBe(1920);
    expect(lineTotalCents({ itemId: 'a', name: 'A', quantity: 1000, unitPriceCents: 99_999 })).toBe(99_999_000);
  });

  it('an order totals its lines', () => {
    expect(
      orderTotalCents([
        { itemId: 'a', name: 'A', quantity: 3, unitPriceCents: 640 },
        { itemId: 'b', name: 'B', quantity: 2, unitPriceCents: 5 },
      ]),
    ).toBe(1930);
  });

  it('an order holds at most 50 distinct items', () => {
    expect(MAX_LINES).toBe(50);
  });
});

describe('canSeeOrder', () => {
  it.each([
    ['the owner', true, alice],
    ['another customer', false, bob],
    ['an employee', true, staff],
  ] as const)('%s sees the order: %s', (_who, visible, caller) => {
    expect(canSeeOrder(caller, { customerId: 'alice' })).toBe(visible);
  });

  it('a customer whose id merely contains the owner id sees nothing', () => {
    expect(canSeeOrder({ id: 'alic', role: 'customer' }, { customerId: 'alice' })).toBe(false);
    expect(canSeeOrder({ id: 'alice ', role: 'customer' }, { customerId: 'alice' })).toBe(false);
  });
});

describe('checkOrderingFor', () => {
  it.each([
    ['a customer omitting customerId', false, alice, undefined],
    ['a customer naming themselves', false, alice, 'alice'],
    ['a customer naming someone else', true, alice, 'bob'],
    ['a customer sending null', true, alice, null],
    ['a customer sending a number', true, alice, 42],
    ['an employee naming a customer', false, staff, 'alice'],
    ['an employee omitting customerId (validation, not role)', false, staff, undefined],
  ] as const)('%s → forbidden: %s', (_case, forbidden, caller, customerId) => {
    const error = thrown(() => checkOrderingFor(caller, customerId));
    if (forbidden) expect(error).toMatchObject({ code: 'forbidden' });
    else expect(error).toBeUndefined();
  });
});

describe('checkMaySetPrice', () => {
  it.each([
    ['a customer without unitPrice', false, alice, undefined],
    ['a customer with a valid unitPrice', true, alice, '1.00'],
    ['a customer with an invalid unitPrice', true, alice, 'free'],
    ['a customer with unitPrice null', true, alice, null],
    ['an employee with unitPrice', false, staff, '1.00'],
    ['an employee without unitPrice', false, staff, undefined],
  ] as const)('%s → forbidden: %s', (_case, forbidden, caller, unitPrice) => {
    const error = thrown(() => checkMaySetPrice(caller, unitPrice));
    if (forbidden) expect(error).toMatchObject({ code: 'forbidden' });
    else expect(error).toBeUndefined();
  });
});

describe('checkEditable', () => {
  const editable: readonly OrderState[] = ['CREATED', 'PENDING'];
  it.each(ORDER_STATES.map((state) => [state, editable.includes(state)] as const))('%s editable: %s', (state, isEditable) => {
    const error = thrown(() => checkEditable(anOrder({ state })));
    if (isEditable) expect(error).toBeUndefined();
    else {
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: 'order_not_editable', facts: { currentState: state } });
    }
  });
});

describe('checkNotEmpty', () => {
  it('accepts an order with lines', () => {
    expect(() => checkNotEmpty(anOrder())).not.toThrow();
  });

  it('refuses an order without lines with 422 order_empty', () => {
    expect(thrown(() => checkNotEmpty(anOrder({ lines: [] })))).toMatchObject({ code: 'order_empty' });
  });
});

describe('insufficientStock', () => {
  it('is a 409 insufficient_stock carrying itemId, requested and available', () => {
    const error = insufficientStock('latte', 5, 2);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'insufficient_stock', facts: { itemId: 'latte', requested: 5, available: 2 } });
    expect(error.detail).toEqual(expect.any(String));
  });
});
