import type { BackfillReport } from '../../functions/usecases/backfill';
import type { OpsTarget } from './targets';

/** Brings the target's data written before v1.1 up to it (functions/usecases/backfill.ts). */
export async function backfill(target: OpsTarget): Promise<BackfillReport> {
  // functions/ modules read their configuration when imported: the target's environment goes first.
  Object.assign(process.env, target.functionEnvironment);
  const { backfillV11 } = await import('../../functions/usecases/backfill');
  return backfillV11();
}
