import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** What `${LOCAL_DATA_DIR}/stack.json` holds: created on the first start, updated on every start. */
export interface StackState {
  region: string;
  tableName: string;
  idempotencyTableName: string;
  userPoolId?: string;
  userPoolClientId?: string;
  /** The employee console's app client (hosted login, code + PKCE). */
  webClientId?: string;
  /** Signs list cursors; generated once so cursors survive restarts. */
  cursorSecret: string;
  endpoints: {
    api: string;
    dynamodb: string;
    cognito: string;
  };
  /** Seed steps that completed; a step that could not run (an endpoint missing) is retried on the next start. */
  seeded: { employee: boolean; inventory: boolean };
  createdAt: string;
}

export async function readStackState(file: string): Promise<StackState | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return JSON.parse(text) as StackState;
}

/** Written to a temporary file first, so a crash never leaves half a file behind. */
export async function writeStackState(file: string, state: StackState): Promise<void> {
  await writeJsonAtomically(file, state);
}

export async function writeJsonAtomically(file: string, value: unknown): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(value, null, 2)}\n`);
  await rename(temporary, file);
}

export const newCursorSecret = () => randomBytes(32).toString('base64url');
