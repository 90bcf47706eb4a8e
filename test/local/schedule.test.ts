import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { startSchedule } from '../../lib/local/schedule';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

it('runs a scheduled function every period, never two runs at once, and goes on after a failed run', async () => {
  const runs: (() => void)[] = [];
  const failures: string[] = [];
  let calls = 0;
  const handler = vi.fn(() => {
    calls += 1;
    if (calls === 2) return Promise.reject(new Error('DynamoDB is down'));
    return new Promise<void>((resolve) => runs.push(resolve));
  });
  const schedule = startSchedule({
    functions: [{ handler: 'notifications/sweep-handler', everyMs: 60_000, timeoutMs: 120_000 }],
    loadHandler: async () => handler,
    region: 'us-east-1',
    log: (message) => failures.push(message),
  });

  await vi.advanceTimersByTimeAsync(59_999);
  expect(handler).not.toHaveBeenCalled();
  await vi.advanceTimersByTimeAsync(1);
  expect(handler).toHaveBeenCalledTimes(1);
  expect(handler.mock.calls[0]).toEqual([{ source: 'local.schedule' }, expect.objectContaining({ functionName: 'notifications-sweep-handler' })]);
  // Still running a minute later: the next run waits for the next period.
  await vi.advanceTimersByTimeAsync(60_000);
  expect(handler).toHaveBeenCalledTimes(1);
  runs[0]!();
  await vi.advanceTimersByTimeAsync(60_000);
  expect(handler).toHaveBeenCalledTimes(2);
  expect(failures).toEqual(['Scheduled function notifications/sweep-handler failed']);
  await vi.advanceTimersByTimeAsync(60_000);
  expect(handler).toHaveBeenCalledTimes(3);
  runs[1]!();
  await schedule.stop();
  await vi.advanceTimersByTimeAsync(120_000);
  expect(handler).toHaveBeenCalledTimes(3);
});
