import { contention } from '../core/errors';
import { backOff } from '../platform/back-off';

/** The DynamoDB error behind an ElectroDB error (its cause), or the error itself. */
const nameOf = (error: unknown) => {
  const candidate = error as { name?: string; cause?: { name?: string } } | undefined;
  return candidate?.cause?.name ?? candidate?.name;
};

export const isConditionFailure = (error: unknown) => nameOf(error) === 'ConditionalCheckFailedException';

/** The write's result, or null when its condition did not hold. */
export async function conditionally<T>(write: () => Promise<T>): Promise<T | null> {
  try {
    return await write();
  } catch (error) {
    if (isConditionFailure(error)) return null;
    throw error;
  }
}

/** A single-item write that meets a transaction running on the same item (an approval deducting stock, for one). */
export const isTransactionConflict = (error: unknown) => nameOf(error) === 'TransactionConflictException';

const CONFLICT_ATTEMPTS = 6;

/**
 * Runs `write` again, after a short pause, while it meets a running transaction: transactions
 * take milliseconds, so a few tries nearly always land. Past that the item is contended: 503.
 */
export async function retryingTransactionConflicts<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!isTransactionConflict(error)) throw error;
      if (attempt === CONFLICT_ATTEMPTS) throw contention();
      await backOff(attempt);
    }
  }
}
