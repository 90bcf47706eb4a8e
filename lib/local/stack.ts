import { existsSync, mkdirSync } from 'node:fs';
import { startReaper } from './children';
import { POST_CONFIRMATION_FUNCTION, startCognitoLocal } from './cognito-emulator';
import { ensureUserPool, localCognitoClient } from './cognito-pool';
import { consoleEndpoint, localConsoleConfig } from './console-server';
import { startDynamoDbLocal } from './dynamodb-local';
import { applyEnvironment, functionEnvironment } from './environment';
import { handlerLoader } from './function-modules';
import { ensureConsoleClient } from './hosted-login';
import { jwtAuthorizer } from './gateway/authorizer';
import { jsonLinesEndpoint } from './gateway/local-endpoints';
import { startGateway } from './gateway/server';
import { startLambdaInvokeServer } from './lambda-invoke-server';
import { CONSOLE_DIST } from '../console/build';
import { dataPaths, localDataDir, type DataPaths } from './paths';
import { assertPortsFree, freePort } from './ports';
import { localTarget } from '../ops/targets';
import { seed } from './seed';
import { newCursorSecret, readStackState, writeStackState, type StackState } from './stack-state';
import { startStreamPoller, type PollerConsumer } from './stream-poller/poller';
import { createIdempotencyTable, createServiceTable } from './tables';

export interface LocalStackOptions {
  /** Default `${LOCAL_DATA_DIR:-.local}`. */
  dataDir?: string;
  /** The gateway (default 3000); 0 picks a free port, as for every port here. */
  port?: number;
  dynamodbPort?: number;
  cognitoPort?: number;
  lambdaPort?: number;
  tableName?: string;
  idempotencyTableName?: string;
  region?: string;
  /** POWERTOOLS_LOG_LEVEL for the functions (default: the environment's, else WARN). */
  logLevel?: string;
  /** Create the demo employee and drinks (default true). */
  seed?: boolean;
  /** Default: functions/streams/consumers.ts. */
  consumers?: readonly PollerConsumer[];
  log?: (message: string, error?: unknown) => void;
  logRequests?: boolean;
}

export interface LocalStack {
  url: string;
  docsUrl: string;
  consoleUrl: string;
  dataDir: string;
  paths: DataPaths;
  /** True when this start created the data folder. */
  firstStart: boolean;
  state: StackState;
  /** Process ids of the children (DynamoDB Local's Java, cognito-local): gone after stop(). */
  pids: number[];
  stop: () => Promise<void>;
}

const defaultLog = (message: string, error?: unknown) => {
  if (error === undefined) console.error(`[local] ${message}`);
  else console.error(`[local] ${message}:`, error);
};

const port = async (value: number | undefined, fallback: number) => (value === 0 ? freePort() : (value ?? fallback));

/**
 * The whole service on one machine, in this process: DynamoDB Local (Java child), cognito-local
 * (Node child), a Lambda Invoke endpoint for Cognito triggers, the HTTP API gateway and the
 * stream poller. Only one stack per process: the functions read process.env.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const log = options.log ?? defaultLog;
  const region = options.region ?? 'us-east-1';
  const dataDir = options.dataDir ?? localDataDir();
  const paths = dataPaths(dataDir);
  const firstStart = !existsSync(paths.stackFile);
  mkdirSync(paths.cognito, { recursive: true });

  const ports = {
    PORT: await port(options.port, 3000),
    DYNAMODB_PORT: await port(options.dynamodbPort, 8000),
    COGNITO_PORT: await port(options.cognitoPort, 9229),
    LAMBDA_PORT: await port(options.lambdaPort, 3002),
  };
  await assertPortsFree(ports);

  const cleanups: (() => Promise<void> | void)[] = [];
  const stopAll = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch (error) {
        log('Stopping failed', error);
      }
    }
  };

  try {
    const loadHandler = handlerLoader();
    const lambda = await startLambdaInvokeServer({
      port: ports.LAMBDA_PORT,
      region,
      functions: { [POST_CONFIRMATION_FUNCTION]: 'triggers/post-confirmation' },
      loadHandler,
      log,
    });
    cleanups.push(lambda.stop);

    const [dynamodbResult, cognitoResult] = await Promise.allSettled([
      startDynamoDbLocal({ port: ports.DYNAMODB_PORT, path: paths.dynamodb }),
      startCognitoLocal({ port: ports.COGNITO_PORT, workDir: paths.cognito, logFile: paths.cognitoLog, lambdaEndpoint: lambda.endpoint }),
    ]);
    if (dynamodbResult.status === 'fulfilled') cleanups.push(dynamodbResult.value.stop);
    if (cognitoResult.status === 'fulfilled') cleanups.push(cognitoResult.value.stop);
    if (dynamodbResult.status === 'rejected') throw dynamodbResult.reason;
    if (cognitoResult.status === 'rejected') throw cognitoResult.reason;
    const dynamodb = dynamodbResult.value;
    const cognito = cognitoResult.value;
    cleanups.push(startReaper([dynamodb.process, cognito.process]).stop);

    const previous = await readStackState(paths.stackFile);
    const tableName = options.tableName ?? previous?.tableName ?? 'shop';
    const idempotencyTableName = options.idempotencyTableName ?? previous?.idempotencyTableName ?? 'shop-idempotency';
    await createServiceTable(dynamodb.client, tableName);
    await createIdempotencyTable(dynamodb.client, idempotencyTableName);

    const cognitoClient = localCognitoClient(cognito.endpoint);
    const url = `http://127.0.0.1:${ports.PORT}`;
    const ids = await ensureUserPool(cognitoClient, previous ?? {})
      .then(async (pool) => {
        const knownWebClient = previous?.userPoolId === pool.userPoolId ? previous.webClientId : undefined;
        return { ...pool, webClientId: await ensureConsoleClient(cognitoClient, pool.userPoolId, knownWebClient, url) };
      })
      .finally(() => cognitoClient.destroy());
    const state: StackState = {
      region,
      tableName,
      idempotencyTableName,
      ...ids,
      cursorSecret: previous?.cursorSecret ?? newCursorSecret(),
      endpoints: { api: url, dynamodb: dynamodb.endpoint, cognito: cognito.endpoint },
      // A new pool (cognito-local's data gone) has no demo employee: seed again (drinks that exist are skipped).
      seeded: previous?.seeded && previous.userPoolId === ids.userPoolId ? previous.seeded : { employee: false, inventory: false },
      createdAt: previous?.createdAt ?? new Date().toISOString(),
    };
    await writeStackState(paths.stackFile, state);

    const environment = functionEnvironment({
      region,
      tableName,
      idempotencyTableName,
      dynamodbEndpoint: dynamodb.endpoint,
      cognitoEndpoint: cognito.endpoint,
      userPoolId: ids.userPoolId,
      userPoolClientId: ids.userPoolClientId,
      webClientId: ids.webClientId,
      cursorSecret: state.cursorSecret,
      smsOutboxFile: paths.smsOutbox,
      smsDlqFile: paths.smsDlq,
      logLevel: options.logLevel,
    });
    cleanups.push(applyEnvironment(environment));
    // Imported only now: whatever functions/ code they pull in must see the environment above.
    const { routes } = await import('../../functions/routes');
    if (!firstStart) {
      // A data folder kept from before v1.1: its customers become searchable, its approvals get their step.
      const { backfillV11 } = await import('../../functions/usecases/backfill');
      const report = await backfillV11();
      if (report.customersIndexed || report.ordersGivenFulfilment) {
        log(`Backfilled ${report.customersIndexed} customers for search, ${report.ordersGivenFulfilment} approved orders with their fulfilment step.`);
      }
    }
    const { streamConsumers } = await import('../../functions/streams/consumers');
    const { staffAlertsConsumer } = await import('../../functions/alerts/consumer');
    const { staffAlertsFileNextTo } = await import('../../functions/alerts/publisher');

    const gateway = await startGateway({
      port: ports.PORT,
      region,
      routes,
      loadHandler,
      authorizer: jwtAuthorizer({ issuer: environment.TOKEN_ISSUER!, audiences: [ids.userPoolClientId, ids.webClientId] }),
      localEndpoints: [
        jsonLinesEndpoint('/_local/sms-outbox', paths.smsOutbox),
        jsonLinesEndpoint('/_local/stream-dlq', paths.streamDlq),
        jsonLinesEndpoint('/_local/staff-alerts', staffAlertsFileNextTo(paths.smsOutbox)),
        consoleEndpoint({
          distDir: CONSOLE_DIST,
          config: localConsoleConfig({ apiUrl: url, cognitoEndpoint: cognito.endpoint, userPoolId: ids.userPoolId, webClientId: ids.webClientId }),
          tokenOrigin: cognito.endpoint,
        }),
      ],
      log,
      logRequests: options.logRequests,
    });
    cleanups.push(gateway.stop);

    const poller = await startStreamPoller({
      endpoint: dynamodb.endpoint,
      tableName,
      region,
      consumers: options.consumers ?? [...streamConsumers, staffAlertsConsumer],
      loadHandler,
      checkpointDir: paths.streamCheckpoints,
      deadLetterFile: paths.streamDlq,
      // A consumer added to an existing data folder starts with new records, like a new event source mapping.
      startingPosition: firstStart ? 'TRIM_HORIZON' : 'LATEST',
      log,
    });
    cleanups.push(poller.stop);

    if (options.seed ?? true) {
      state.seeded = await seed({
        apiUrl: gateway.url,
        cognitoEndpoint: cognito.endpoint,
        state,
        log,
        target: await localTarget(paths.root),
      });
      await writeStackState(paths.stackFile, state);
    }

    const pids = [dynamodb.process.pid, cognito.process.pid].filter((pid): pid is number => pid !== undefined);
    return { url: gateway.url, docsUrl: `${gateway.url}/docs`, consoleUrl: `${gateway.url}/console/`, dataDir: paths.root, paths, firstStart, state, pids, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
