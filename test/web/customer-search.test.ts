import { describe, expect, it } from 'vitest';
import { codeFirst, customerQuery } from '../../web/src/lib/customer-search';

describe('searching customers as the employee types', () => {
  it('nothing typed (or only spaces) asks nothing', () => {
    expect(customerQuery('')).toBeUndefined();
    expect(customerQuery('   ')).toBeUndefined();
  });

  it('a name or a phone prefix goes to the search as typed, trimmed', () => {
    expect(customerQuery('  ann wan ')).toEqual({ q: 'ann wan' });
    expect(customerQuery('+254 7')).toEqual({ q: '+254 7' });
    expect(customerQuery('0722')).toEqual({ q: '0722' });
  });

  it('what could be a customer code is also asked as a code, in capitals', () => {
    expect(customerQuery('k7q2m')).toEqual({ q: 'k7q2m', code: 'K7Q2M' });
    expect(customerQuery('Wanji')).toEqual({ q: 'Wanji', code: 'WANJI' });
    expect(customerQuery('k7q2')).toEqual({ q: 'k7q2' });
    expect(customerQuery('k7q2mm')).toEqual({ q: 'k7q2mm' });
  });

  it('never sends more than the API takes', () => {
    expect(customerQuery('a'.repeat(150))?.q).toHaveLength(100);
  });

  it('the customer with the code comes first, and only once', () => {
    const byCode = [{ id: 'c' }];
    const bySearch = [{ id: 'a' }, { id: 'c' }, { id: 'b' }];
    expect(codeFirst(byCode, bySearch).map((customer) => customer.id)).toEqual(['c', 'a', 'b']);
    expect(codeFirst([], bySearch).map((customer) => customer.id)).toEqual(['a', 'c', 'b']);
  });
});
