const MINUTE = 60_000;

/** Minutes to wait after the 1st, 2nd, 3rd and 4th failed attempt; every later one waits the last step. */
const BACKOFF_MINUTES = [1, 2, 4, 8] as const;
const STEADY_MINUTES = 15;

/**
 * The wait after `attempts` failed attempts: 1, 2, 4, 8, then 15 minutes. With the default 10
 * attempts the last is 90 minutes after the first, so an outage of an hour is absorbed.
 */
export const retryDelayMs = (attempts: number): number => (BACKOFF_MINUTES[attempts - 1] ?? STEADY_MINUTES) * MINUTE;
