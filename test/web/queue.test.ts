import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { arrivals, keepMarks, QUEUE_REFRESH_MS, startPolling } from '../../web/src/lib/queue';
import { shortages } from '../../web/src/lib/stock';
import { agoOf, ageOf, formatShortTime, formatTime } from '../../web/src/lib/time';

const order = (id: string, createdAt: string) => ({ id, createdAt });

describe('the review queue', () => {
  it('marks nothing on the first load, then exactly the orders not seen before', () => {
    const first = arrivals(undefined, [order('a', ''), order('b', '')]);
    expect([...first.fresh]).toEqual([]);
    const second = arrivals(first.seen, [order('b', ''), order('c', '')]);
    expect([...second.fresh]).toEqual(['c']);
    // An order that left the queue and came back is not new: it was shown before.
    const third = arrivals(second.seen, [order('a', ''), order('c', ''), order('d', '')]);
    expect([...third.fresh]).toEqual(['d']);
  });

  it('keeps a mark until the order leaves the list, and adds the new arrivals', () => {
    const listed = [order('a', ''), order('c', ''), order('d', '')];
    expect([...keepMarks(new Set(['a', 'b']), new Set(['d']), listed)].sort()).toEqual(['a', 'd']);
    expect([...keepMarks(undefined, new Set(), listed)]).toEqual([]);
  });

  it('refreshes at most every 10 seconds', () => {
    expect(QUEUE_REFRESH_MS).toBeLessThanOrEqual(10_000);
  });

  describe('polling', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it('loads at once, then once per interval after each load ends, and stops', async () => {
      const load = vi.fn(() => Promise.resolve());
      const poller = startPolling(load, () => undefined, 10_000);
      expect(load).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(9_999);
      expect(load).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(load).toHaveBeenCalledTimes(2);
      await vi.advanceTimersByTimeAsync(30_000);
      expect(load).toHaveBeenCalledTimes(5);
      poller.stop();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(load).toHaveBeenCalledTimes(5);
    });

    it('never runs two loads at once: a slow answer delays the next tick', async () => {
      let finish!: () => void;
      const load = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
      const poller = startPolling(load, () => undefined, 10_000);
      await vi.advanceTimersByTimeAsync(25_000);
      void poller.refresh();
      expect(load).toHaveBeenCalledTimes(1);
      finish();
      await vi.advanceTimersByTimeAsync(9_999);
      expect(load).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(load).toHaveBeenCalledTimes(2);
      poller.stop();
    });

    it('reports a failed load and tries again on the next tick', async () => {
      const errors: unknown[] = [];
      const load = vi.fn().mockRejectedValueOnce(new Error('down')).mockResolvedValue(undefined);
      const poller = startPolling(load, (error) => errors.push(error), 10_000);
      await vi.advanceTimersByTimeAsync(0);
      expect(errors).toEqual([new Error('down')]);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(load).toHaveBeenCalledTimes(2);
      expect(errors).toHaveLength(1);
      poller.stop();
    });

    it('"Refresh now" loads at once and restarts the wait', async () => {
      const load = vi.fn(() => Promise.resolve());
      const poller = startPolling(load, () => undefined, 10_000);
      await vi.advanceTimersByTimeAsync(6_000);
      await poller.refresh();
      expect(load).toHaveBeenCalledTimes(2);
      await vi.advanceTimersByTimeAsync(9_999);
      expect(load).toHaveBeenCalledTimes(2);
      await vi.advanceTimersByTimeAsync(1);
      expect(load).toHaveBeenCalledTimes(3);
      poller.stop();
    });
  });
});

describe('how long an order has waited', () => {
  const now = Date.parse('2026-12-03T12:00:00.000Z');
  it.each([
    ['2026-12-03T11:59:30.000Z', 'just now'],
    ['2026-12-03T11:59:00.000Z', '1 min'],
    ['2026-12-03T11:01:00.000Z', '59 min'],
    ['2026-12-03T10:55:00.000Z', '1 h 05 min'],
    ['2026-12-02T11:00:00.000Z', '1 day'],
    ['2026-11-30T12:00:00.000Z', '3 days'],
    ['2026-12-03T12:00:05.000Z', 'just now'],
  ])('since %s: %s', (createdAt, age) => {
    expect(ageOf(createdAt, now)).toBe(age);
  });
});

describe('times on the boards and the order page', () => {
  const now = new Date(2026, 11, 3, 15, 0).getTime();
  it('says "ago" after an age, but not after "just now"', () => {
    expect(agoOf(new Date(now - 4 * 60_000).toISOString(), now)).toBe('4 min ago');
    expect(agoOf(new Date(now - 5_000).toISOString(), now)).toBe('just now');
  });

  it('gives a moment of the same day as its time alone, another day with its date', () => {
    const earlier = new Date(2026, 11, 3, 9, 5).toISOString();
    expect(formatShortTime(earlier, now)).not.toContain('2026');
    expect(formatShortTime(earlier, now)).toMatch(/9.05/);
    const yesterday = new Date(2026, 11, 2, 23, 59).toISOString();
    expect(formatShortTime(yesterday, now)).toBe(formatTime(yesterday));
  });
});

describe('stock warnings before approving', () => {
  const lines = [
    { itemId: 'a', name: 'Espresso', quantity: 3 },
    { itemId: 'b', name: 'Chai', quantity: 2 },
    { itemId: 'c', name: 'Archived soda', quantity: 1 },
  ];
  it('names the lines that ask for more than is on hand; exactly enough is fine; unknown stock is not guessed', () => {
    const onHand = new Map([
      ['a', 2],
      ['b', 2],
    ]);
    expect(shortages(lines, (id) => onHand.get(id))).toEqual([{ itemId: 'a', name: 'Espresso', quantity: 3, onHand: 2 }]);
  });
});
