import { config } from '../platform/config';
import type { AttemptSettings } from './attempt';
import { smsDeadLetterQueue, smsSender } from './sender';

const LEASE_MARGIN_MS = 30_000;

/** The attempt settings of the deployed functions (and the local stack), from their environment. */
export const configuredAttemptSettings = (): AttemptSettings => ({
  sender: smsSender(),
  deadLetters: smsDeadLetterQueue,
  maxAttempts: config.smsMaxAttempts,
  // Past the sender's timeout, with a margin: a send in flight always finishes inside its lease.
  leaseMs: config.smsTimeoutMs + LEASE_MARGIN_MS,
  now: () => new Date(),
});
