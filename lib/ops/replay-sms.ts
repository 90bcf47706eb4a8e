import type { ReplayReport } from '../../functions/notifications/replay';
import type { OpsTarget } from './targets';

/**
 * Sends again the SMS that ended in the dead-letter queue (SQS in AWS, a file locally) and marks
 * their deliveries; letters that still fail stay queued for the next run.
 */
export async function replaySms(target: OpsTarget, options: { max: number; dryRun: boolean }): Promise<ReplayReport> {
  // functions/ modules read their configuration when imported: the target's environment goes first.
  Object.assign(process.env, target.functionEnvironment);
  const { replaySmsDeadLetters } = await import('../../functions/notifications/replay');
  return replaySmsDeadLetters(options);
}
