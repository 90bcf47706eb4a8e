import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root: lib/local/ is two levels below it. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Runtime code the local stack imports: route handlers, triggers and stream consumers. */
export const FUNCTIONS_DIR = join(PROJECT_ROOT, 'functions');

/** Where the local stack keeps its data: `LOCAL_DATA_DIR`, relative to the project root, default `.local`. */
export function localDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(PROJECT_ROOT, env.LOCAL_DATA_DIR || '.local');
}

/** Everything the local stack writes, relative to one data folder. */
export function dataPaths(dataDir: string) {
  const root = resolve(dataDir);
  return {
    root,
    /** Ids, secrets and endpoints of the running stack (read by the ops CLI). */
    stackFile: join(root, 'stack.json'),
    dynamodb: join(root, 'dynamodb'),
    /** cognito-local's working directory: it keeps its config and users in `./.cognito`. */
    cognito: join(root, 'cognito'),
    cognitoLog: join(root, 'cognito', 'cognito-local.log'),
    /** SMS the local sender would have sent: one JSON object a line. */
    smsOutbox: join(root, 'sms-outbox.jsonl'),
    /** Codes Cognito would have emailed (a forgotten password's), written by lib/local/cognito-extensions.ts. */
    emailOutbox: join(root, 'email-outbox.jsonl'),
    /** SMS that kept failing, with everything needed to replay them (`npm run ops -- replay-sms`). */
    smsDlq: join(root, 'sms-dlq.jsonl'),
    /** The stream consumers' on-failure destination: the position of each batch given up on (Lambda's record). */
    streamDlq: join(root, 'stream-dlq.jsonl'),
    /** The stream poller's position per consumer and shard. */
    streamCheckpoints: join(root, 'stream-checkpoints'),
  };
}

export type DataPaths = ReturnType<typeof dataPaths>;

/**
 * The local SMS outbox of the default data folder; the local stack passes the path of the folder
 * it actually runs with to the functions as `SMS_OUTBOX_FILE`.
 */
export const SMS_OUTBOX_FILE = dataPaths(localDataDir()).smsOutbox;
