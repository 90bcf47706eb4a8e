import { describe, expect, it } from 'vitest';
import { ORDER_STATES } from '../../functions/core/order-states';
import { notificationId } from '../../functions/notifications/ids';
import { messageFor } from '../../functions/notifications/messages';
import { maskPhone } from '../../functions/notifications/phone';

describe('the contract’s texts (section 6)', () => {
  it('has the exact text for every state, with the order’s reference', () => {
    expect(messageFor({ state: 'CREATED', reference: 'K7Q2MZ' })).toBe('Dear customer, your order K7Q2MZ has been created.');
    expect(messageFor({ state: 'PENDING', reference: 'K7Q2MZ' })).toBe(
      'Dear customer, your order K7Q2MZ is now awaiting review. You can still add, remove or update items before it is reviewed.',
    );
    expect(messageFor({ state: 'APPROVED', reference: 'K7Q2MZ' })).toBe(
      'Dear customer, your order K7Q2MZ has been approved and will be delivered soon.',
    );
    expect(messageFor({ state: 'REJECTED', reference: 'K7Q2MZ', comments: 'Out of oat milk' })).toBe(
      'Dear customer, we regret that your order K7Q2MZ was not accepted. Reason: Out of oat milk',
    );
    expect(messageFor({ state: 'CANCELED', reference: 'K7Q2MZ' })).toBe('Dear customer, your order K7Q2MZ has been canceled.');
  });

  it('gives the rejection reason only on rejections', () => {
    for (const state of ORDER_STATES.filter((s) => s !== 'REJECTED')) {
      expect(messageFor({ state, reference: 'ABC123', comments: 'Some comment' })).not.toContain('Some comment');
    }
  });
});

describe('inbox message ids', () => {
  const at = '2026-03-01T10:00:00.000Z';

  it('are the same for the same (order, state) and event time, and differ otherwise', () => {
    expect(notificationId('01ORDER', 'PENDING', at)).toBe(notificationId('01ORDER', 'PENDING', at));
    expect(notificationId('01ORDER', 'PENDING', at)).not.toBe(notificationId('01ORDER', 'APPROVED', at));
    expect(notificationId('01ORDER', 'PENDING', at)).not.toBe(notificationId('01OTHER', 'PENDING', at));
  });

  it('are ULIDs that sort by event time', () => {
    const earlier = notificationId('01ZZZ', 'CANCELED', at);
    const later = notificationId('01AAA', 'CREATED', '2026-03-01T10:00:00.001Z');
    expect(earlier).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(later > earlier).toBe(true);
  });
});

describe('phone numbers in logs', () => {
  it('shows the country code, two digits and the last two', () => {
    expect(maskPhone('+254722000012')).toBe('+2547******12');
    expect(maskPhone('+25472212')).toBe('+2547**12');
    expect(maskPhone('+2547')).toBe('*****');
  });
});
