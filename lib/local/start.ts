import { ensureConsoleBuilt } from '../console/build';
import { banner } from './banner';
import { skipsDiskSyncs } from './dynamodb-local';
import { startLocalStack } from './stack';

// The AWS SDK's Node 20 end-of-support notice would greet every start.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const numberFrom = (name: string): number | undefined => {
  const value = process.env[name];
  if (value === undefined || value === '') return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new Error(`${name} must be a port number, not "${value}"`);
  return parsed;
};

async function main(): Promise<void> {
  const started = Date.now();
  console.error('[local] Starting DynamoDB Local, cognito-local and the gateway...');
  // Built while the stack starts (the gateway reads web/dist on each request); the API runs without it.
  const log = (message: string) => console.error(`[local] ${message}`);
  const building = ensureConsoleBuilt(log).catch((error: Error) => log(`The console could not be built: ${error.message}`));
  const starting = startLocalStack({
    port: numberFrom('PORT'),
    dynamodbPort: numberFrom('DYNAMODB_PORT'),
    cognitoPort: numberFrom('COGNITO_PORT'),
    lambdaPort: numberFrom('LAMBDA_PORT'),
    tableName: process.env.TABLE_NAME || undefined,
    idempotencyTableName: process.env.IDEMPOTENCY_TABLE_NAME || undefined,
    logRequests: process.env.LOG_REQUESTS !== 'false',
  });
  const [stack] = await Promise.all([starting, building]);
  console.log(banner({ url: stack.url, consoleUrl: stack.consoleUrl, dataDir: stack.dataDir, seeded: stack.state.seeded, diskSyncs: !skipsDiskSyncs() }));
  console.error(`[local] Ready in ${((Date.now() - started) / 1000).toFixed(1)} s${stack.firstStart ? ' (first start: created and seeded)' : ''}.`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      console.error(`[local] ${signal} again: exiting now.`);
      process.exit(1);
    }
    stopping = true;
    console.error(`[local] ${signal}: stopping...`);
    stack.stop().then(
      () => process.exit(0),
      (error) => {
        console.error('[local] Stopping failed:', error);
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => shutdown(signal));
}

main().catch((error) => {
  const { name, message } = (error ?? {}) as Error;
  console.error(`[local] The local stack could not start: ${name ?? 'Error'}: ${message ?? String(error)}`);
  if (process.env.DEBUG) console.error(error);
  else console.error('[local] (DEBUG=1 shows the details)');
  process.exit(1);
});
