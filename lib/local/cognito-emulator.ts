import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { killOnExit, stopChild } from './children';
import { PROJECT_ROOT } from './paths';

/** The function name cognito-local asks the Lambda endpoint to run after a sign-up is confirmed. */
export const POST_CONFIRMATION_FUNCTION = 'post-confirmation';

const START_SCRIPT = join(PROJECT_ROOT, 'node_modules', 'cognito-local', 'lib', 'bin', 'start.js');
/** Loaded before the emulator: the email outbox and GlobalSignOut (see the file). */
const EXTENSIONS = pathToFileURL(join(PROJECT_ROOT, 'lib', 'local', 'cognito-extensions.ts')).href;
/** tsx's loader (its package's main export), by path: the emulator runs in its own folder, outside node_modules' reach. */
const TSX_LOADER = pathToFileURL(join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

export interface RunningCognito {
  /** The emulator's URL, also the prefix of its token issuer: `${endpoint}/${userPoolId}`. */
  endpoint: string;
  process: ChildProcess;
  stop: () => Promise<void>;
}

export interface CognitoOptions {
  port: number;
  /** cognito-local keeps its config and data in `./.cognito` under this folder. */
  workDir: string;
  logFile: string;
  /** Where cognito-local sends Lambda Invoke calls for its triggers. */
  lambdaEndpoint: string;
  /** Where the codes Cognito would email are written, one JSON object a line (default: in workDir). */
  emailOutboxFile?: string;
}

/**
 * cognito-local reads `.cognito/config.json` once at start: the trigger wiring, the Lambda
 * endpoint and the issuer's host. Rewritten on every start, because ports can change.
 */
async function writeConfig(options: CognitoOptions, endpoint: string): Promise<void> {
  const configDir = join(options.workDir, '.cognito');
  mkdirSync(configDir, { recursive: true });
  const config = {
    TriggerFunctions: { PostConfirmation: POST_CONFIRMATION_FUNCTION },
    LambdaClient: {
      endpoint: options.lambdaEndpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    },
    TokenConfig: { IssuerDomain: endpoint },
    UserPoolDefaults: { UsernameAttributes: ['email'] },
  };
  await writeFile(join(configDir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
}

async function waitUntilServing(endpoint: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`cognito-local exited with code ${child.exitCode}; see ${logFile}`);
    try {
      const response = await fetch(`${endpoint}/health`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`cognito-local did not start in ${timeoutMs} ms; see ${logFile}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** Starts cognito-local as a child process; its output goes to `logFile`. */
export async function startCognitoLocal(options: CognitoOptions): Promise<RunningCognito> {
  const endpoint = `http://localhost:${options.port}`;
  await writeConfig(options, endpoint);
  const log = openSync(options.logFile, 'a');
  const child = spawn(process.execPath, ['--import', TSX_LOADER, '--import', EXTENSIONS, START_SCRIPT], {
    cwd: options.workDir,
    env: {
      ...process.env,
      PORT: String(options.port),
      HOST: 'localhost',
      EMAIL_OUTBOX_FILE: options.emailOutboxFile ?? join(options.workDir, 'email-outbox.jsonl'),
    },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const forget = killOnExit(child);
  try {
    await waitUntilServing(endpoint, child, options.logFile, 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    forget();
    throw error;
  }
  return {
    endpoint,
    process: child,
    stop: async () => {
      forget();
      await stopChild(child);
    },
  };
}
