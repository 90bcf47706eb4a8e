import { existsSync, readdirSync, rmSync } from 'node:fs';
import { sep } from 'node:path';
import { dataPaths, localDataDir, PROJECT_ROOT } from './paths';
import { portInUse } from './ports';
import { readStackState } from './stack-state';

const KNOWN_ENTRIES = new Set(['stack.json', 'dynamodb', 'cognito', 'sms-outbox.jsonl', 'sms-dlq.jsonl', 'stream-dlq.jsonl', 'stream-checkpoints']);

/** Deletes the local data folder, after checking that it is one and that no stack is using it. */
async function main(): Promise<number> {
  const dataDir = localDataDir();
  const paths = dataPaths(dataDir);
  if (!existsSync(dataDir)) {
    console.log(`Nothing to reset: ${dataDir} does not exist.`);
    return 0;
  }
  if (dataDir === PROJECT_ROOT || PROJECT_ROOT.startsWith(dataDir + sep) || dataDir === sep) {
    console.error(`Refusing to delete ${dataDir}: it holds the project.`);
    return 1;
  }
  const strangers = readdirSync(dataDir).filter((entry) => !KNOWN_ENTRIES.has(entry) && !entry.endsWith('.tmp'));
  if (strangers.length) {
    console.error(`Refusing to delete ${dataDir}: it holds files the local stack did not write (${strangers.slice(0, 5).join(', ')}); delete it yourself if you mean it.`);
    return 1;
  }
  const state = await readStackState(paths.stackFile).catch(() => undefined);
  const apiPort = state ? Number(new URL(state.endpoints.api).port) : undefined;
  if (apiPort && (await portInUse(apiPort))) {
    console.error(`The local stack seems to be running (port ${apiPort} answers): stop \`npm start\` first.`);
    return 1;
  }
  rmSync(dataDir, { recursive: true, force: true });
  console.log(`Deleted ${dataDir}. The next \`npm start\` creates everything afresh.`);
  return 0;
}

process.exitCode = await main();
