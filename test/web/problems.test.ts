import { describe, expect, it } from 'vitest';
import { ApiError, type Problem } from '../../web/src/api/types';
import { describeProblem } from '../../web/src/lib/problems';

const problem = (status: number, code: Problem['code'], extra: Partial<Problem> = {}): ApiError =>
  new ApiError(status, { type: 'https://example/p', title: code, status, detail: `raw detail of ${code}`, code, ...extra });

describe('refusals of the API in words, with what to do', () => {
  it('a stale If-Match (412) says the thing changed meanwhile and to reload', () => {
    expect(describeProblem(problem(412, 'precondition_failed'))).toEqual({
      message: 'This changed meanwhile: someone else saved it after you opened it.',
      hint: 'Reload to see the latest version, then try again.',
    });
  });

  it('an invalid transition names the state the order is in and the refused action', () => {
    const described = describeProblem(problem(409, 'invalid_transition', { currentState: 'APPROVED' }), { action: 'rejected' });
    expect(described.message).toBe('This order is approved now, so it cannot be rejected.');
    expect(described.hint).toMatch(/Reload the order/);
  });

  it('a refused fulfilment step names the step the order is at, not its state (which stays approved)', () => {
    const ready = describeProblem(problem(409, 'invalid_transition', { currentState: 'APPROVED', currentFulfilment: 'READY' }), { action: 'marked ready' });
    expect(ready.message).toBe('This order is ready now, so it cannot be marked ready.');
    const canceled = describeProblem(problem(409, 'invalid_transition', { currentState: 'CANCELED', currentFulfilment: null }), { action: 'marked ready' });
    expect(canceled.message).toBe('This order is canceled now, so it cannot be marked ready.');
  });

  it('insufficient stock names the drink, the amounts, and what to do', () => {
    const error = problem(409, 'insufficient_stock', { itemId: 'item-1', requested: 5, available: 2 });
    const described = describeProblem(error, { itemName: (id) => (id === 'item-1' ? 'Espresso' : undefined) });
    expect(described.message).toBe('Not enough stock of Espresso: 5 needed, 2 on hand.');
    expect(described.hint).toMatch(/Inventory/);
  });

  it('insufficient stock of a drink the page does not know still reads as a sentence', () => {
    expect(describeProblem(problem(409, 'insufficient_stock', { itemId: 'x', requested: 1, available: 0 })).message).toBe(
      'Not enough stock of a drink: 1 needed, 0 on hand.',
    );
  });

  it('validation failures list each field and its message, not the JSON', () => {
    const error = problem(400, 'validation_failed', { errors: [{ path: 'comments', message: 'Required' }, { path: '', message: 'Bad body' }] });
    expect(describeProblem(error).message).toBe('Please check: comments: Required; Bad body.');
  });

  it.each([
    ['order_not_editable', 409, /created or pending; this one is canceled/],
    ['duplicate_item', 409, /already on the order/],
    ['out_of_stock', 409, /out of stock/],
    ['order_empty', 422, /no lines/],
    ['not_found', 404, /archived or never existed/],
    ['forbidden', 403, /may not do this/],
    ['unknown_customer', 422, /customer does not exist/],
    ['too_many_items', 409, /at most 50/],
  ] as const)('%s (%i) has its own sentence', (code, status, message) => {
    const described = describeProblem(problem(status, code, { currentState: 'CANCELED' }));
    expect(described.message).toMatch(message);
    expect(described.message).not.toContain('raw detail');
    expect(described.hint).not.toBe('');
  });

  it('a 401 without a problem body (the AWS gateway answers {"message":"Unauthorized"}) asks to sign in again', () => {
    expect(describeProblem(new ApiError(401))).toEqual({ message: 'Your session has ended.', hint: 'Sign in again.' });
  });

  it('no answer at all (status 0) is a connection problem', () => {
    expect(describeProblem(new ApiError(0)).message).toBe('The service did not answer.');
  });

  it('a 5xx never shows its detail', () => {
    const described = describeProblem(problem(500, 'internal_error'));
    expect(described.message).toBe('The service failed on this request.');
  });

  it('an unknown code of a later API version falls back to its detail', () => {
    const described = describeProblem(problem(409, 'idempotency_in_progress'));
    expect(described.message).toBe('raw detail of idempotency_in_progress');
  });

  it('a bug in the console (not an API error) asks to reload, without its message', () => {
    expect(describeProblem(new TypeError('x is undefined'))).toEqual({ message: 'Something went wrong in the console.', hint: 'Reload the page.' });
  });
});
