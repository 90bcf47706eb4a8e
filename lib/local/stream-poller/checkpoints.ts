import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeJsonAtomically } from '../stack-state';

export interface ShardCheckpoint {
  /** The last record handled (delivered, dead-lettered or filtered out). */
  sequenceNumber?: string;
  /** Closed and read to its end: its children may start. */
  finished?: boolean;
}

/** One consumer's position in one stream, like an event source mapping's. */
export interface Checkpoint {
  streamArn: string;
  shards: Record<string, ShardCheckpoint>;
}

export interface CheckpointStore {
  load: () => Promise<Checkpoint | undefined>;
  save: (checkpoint: Checkpoint) => Promise<void>;
}

/** A JSON file per consumer under `dir`; writes replace the file atomically. */
export function fileCheckpointStore(dir: string, consumerName: string): CheckpointStore {
  const file = join(dir, `${consumerName.replace(/[^A-Za-z0-9_-]+/g, '_')}.json`);
  return {
    async load() {
      try {
        return JSON.parse(await readFile(file, 'utf8')) as Checkpoint;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    save: (checkpoint) => writeJsonAtomically(file, checkpoint),
  };
}
