import { describe, expect, it } from 'vitest';
import { contention, DomainError, ERROR_CODES, insufficientStock, notFound } from '../../functions/core/errors';
import { problemResponse } from '../../functions/platform/problem';
import { PROBLEM_CODES, PROBLEM_TYPES } from '../../functions/platform/problem-types';

const bodyOf = (error: unknown) => JSON.parse(problemResponse(error).body as string) as Record<string, unknown>;

describe('problemResponse', () => {
  it('answers every domain code with its status and title from the one table', () => {
    for (const code of ERROR_CODES) {
      const response = problemResponse(new DomainError(code, 'Some detail.'));
      expect(response.statusCode, code).toBe(PROBLEM_TYPES[code].status);
      expect(bodyOf(new DomainError(code, 'Some detail.')), code).toMatchObject({ code, title: PROBLEM_TYPES[code].title, detail: 'Some detail.' });
    }
    expect([...PROBLEM_CODES].sort()).toEqual([...ERROR_CODES, 'internal_error'].sort());
  });

  it('spreads the facts an error carries into the body', () => {
    expect(bodyOf(insufficientStock('latte', 5, 2))).toEqual({
      type: 'https://beverage-shop.example/problems/insufficient-stock',
      title: 'Insufficient stock',
      status: 409,
      detail: 'Item latte has 2 on hand; 5 were requested.',
      code: 'insufficient_stock',
      itemId: 'latte',
      requested: 5,
      available: 2,
    });
    expect(problemResponse(notFound('order')).headers).toEqual({ 'content-type': 'application/problem+json' });
  });

  it('adds Retry-After to 503s, and answers anything else as a 500 that reveals nothing', () => {
    expect(problemResponse(contention())).toMatchObject({ statusCode: 503, headers: { 'retry-after': '1' } });
    const bug = problemResponse(new TypeError('secret internals'));
    expect(bug.statusCode).toBe(500);
    expect(bug.body).not.toContain('secret');
    expect(bodyOf(new TypeError('x'))).toMatchObject({ code: 'internal_error', status: 500 });
  });
});
