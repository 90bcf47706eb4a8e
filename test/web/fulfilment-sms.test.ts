import { describe, expect, it } from 'vitest';
import { smsAttention, smsStatusLabel } from '../../web/src/lib/sms';
import { nextStep } from '../../web/src/lib/fulfilment';

describe('fulfilment steps', () => {
  it('an approved order moves on from preparing to ready to delivered, and no further', () => {
    expect(nextStep({ state: 'APPROVED', fulfilment: 'PREPARING' })).toBe('ready');
    expect(nextStep({ state: 'APPROVED', fulfilment: 'READY' })).toBe('deliver');
    expect(nextStep({ state: 'APPROVED', fulfilment: 'DELIVERED' })).toBeUndefined();
  });

  it('an order that is not approved has no fulfilment step to take', () => {
    for (const state of ['CREATED', 'PENDING', 'REJECTED', 'CANCELED'] as const) expect(nextStep({ state, fulfilment: null })).toBeUndefined();
  });
});

describe('the SMS status of an order', () => {
  it('a failed or given-up SMS needs a call to the customer', () => {
    expect(smsAttention({ status: 'failed', attempts: 1 })).toMatch(/call/);
    expect(smsAttention({ status: 'dead_lettered', attempts: 5 })).toMatch(/call/);
  });

  it('a queued SMS being retried is pointed out; one on its way or arrived is not', () => {
    expect(smsAttention({ status: 'pending', attempts: 3 })).toMatch(/3 attempts/);
    expect(smsAttention({ status: 'pending', attempts: 1 })).toBeUndefined();
    expect(smsAttention({ status: 'pending', attempts: 0 })).toBeUndefined();
    expect(smsAttention({ status: 'sent', attempts: 2 })).toBeUndefined();
    expect(smsAttention({ status: 'delivered', attempts: 1 })).toBeUndefined();
  });

  it('every status has words', () => {
    expect(smsStatusLabel('pending')).toBe('Queued');
    expect(smsStatusLabel('dead_lettered')).toMatch(/Gave up/);
  });
});
