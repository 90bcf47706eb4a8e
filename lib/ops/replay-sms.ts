import type { ReplayReport } from '../../functions/notifications/replay';
import type { OpsTarget } from './targets';

/**
 * Sends again the SMS that ended in the SMS dead-letter queue (SQS in AWS, a file locally), each
 * through a claim of its delivery as the consumer makes it; letters that still fail stay queued.
 */
export async function replaySms(target: OpsTarget, options: { max: number; dryRun: boolean }): Promise<ReplayReport> {
  // functions/ modules read their configuration when imported: the target's environment goes first.
  Object.assign(process.env, target.functionEnvironment);
  const { replaySmsDeadLetters } = await import('../../functions/notifications/replay');
  return replaySmsDeadLetters(options);
}
