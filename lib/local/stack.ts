import { existsSync, mkdirSync } from 'node:fs';
import { startReaper } from './children';
import { POST_CONFIRMATION_FUNCTION, startCognitoLocal } from './cognito-emulator';
import { ensureUserPool, localCognitoClient } from './cognito-pool';
import { consoleEndpoint, localConsoleConfig } from './console-server';
import { startDynamoDbLocal } from './dynamodb-local';
import { applyEnvironment, functionEnvironment } from './environment';
import { handlerLoader, type HandlerLoader } from './function-modules';
import { ensureConsoleClient } from './hosted-login';
import { jwtAuthorizer } from './gateway/authorizer';
import { jsonLinesEndpoint } from './gateway/local-endpoints';
import { startGateway } from './gateway/server';
import { startLambdaInvokeServer } from './lambda-invoke-server';
import { CONSOLE_DIST } from '../console/build';
import { dataPaths, localDataDir, type DataPaths } from './paths';
import { assertPortsFree, freePort } from './ports';
import { localTarget } from '../ops/targets';
import { startSchedule } from './schedule';
import { seed } from './seed';
import { newCursorSecret, readStackState, writeStackState, type StackState } from './stack-state';
import { staffAlertsFileNextTo } from '../../functions/alerts/publisher';
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
  /** Default: the handler modules under functions/ (a test may wrap them to watch what they do). */
  loadHandler?: HandlerLoader;
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

type Log = (message: string, error?: unknown) => void;
type Ports = Record<'PORT' | 'DYNAMODB_PORT' | 'COGNITO_PORT' | 'LAMBDA_PORT', number>;

async function choosePorts(options: LocalStackOptions): Promise<Ports> {
  const ports = {
    PORT: await port(options.port, 3000),
    DYNAMODB_PORT: await port(options.dynamodbPort, 8000),
    COGNITO_PORT: await port(options.cognitoPort, 9229),
    LAMBDA_PORT: await port(options.lambdaPort, 3002),
  };
  await assertPortsFree(ports);
  return ports;
}

/** What was started, stopped in reverse order; a failing stop is logged and the rest still stop. */
function cleanupList(log: Log) {
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
  return { add: (cleanup: () => Promise<void> | void) => cleanups.push(cleanup), stopAll };
}

type Cleanups = ReturnType<typeof cleanupList>;

interface Context {
  options: LocalStackOptions;
  log: Log;
  region: string;
  paths: DataPaths;
  firstStart: boolean;
  ports: Ports;
  cleanups: Cleanups;
  loadHandler: HandlerLoader;
}

/** The Lambda Invoke endpoint for Cognito's trigger, then DynamoDB Local and cognito-local side by side. */
async function startBackingServices({ ports, paths, region, cleanups, loadHandler, log }: Context) {
  const lambda = await startLambdaInvokeServer({
    port: ports.LAMBDA_PORT,
    region,
    functions: { [POST_CONFIRMATION_FUNCTION]: 'triggers/post-confirmation' },
    loadHandler,
    log,
  });
  cleanups.add(lambda.stop);

  const [dynamodbResult, cognitoResult] = await Promise.allSettled([
    startDynamoDbLocal({ port: ports.DYNAMODB_PORT, path: paths.dynamodb }),
    startCognitoLocal({ port: ports.COGNITO_PORT, workDir: paths.cognito, logFile: paths.cognitoLog, lambdaEndpoint: lambda.endpoint, emailOutboxFile: paths.emailOutbox }),
  ]);
  if (dynamodbResult.status === 'fulfilled') cleanups.add(dynamodbResult.value.stop);
  if (cognitoResult.status === 'fulfilled') cleanups.add(cognitoResult.value.stop);
  if (dynamodbResult.status === 'rejected') throw dynamodbResult.reason;
  if (cognitoResult.status === 'rejected') throw cognitoResult.reason;
  const dynamodb = dynamodbResult.value;
  const cognito = cognitoResult.value;
  cleanups.add(startReaper([dynamodb.process, cognito.process]).stop);
  return { dynamodb, cognito };
}

type BackingServices = Awaited<ReturnType<typeof startBackingServices>>;

/** The tables and the user pool (created when missing), and the state file that names them. */
/** The state, with the ids of the pool and its clients that this start made sure of. */
type ReadyState = StackState & Record<'userPoolId' | 'userPoolClientId' | 'webClientId', string>;

async function prepareState({ options, region, paths, ports }: Context, { dynamodb, cognito }: BackingServices): Promise<ReadyState> {
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
  const state: ReadyState = {
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
  return state;
}

/** The functions' environment, set in this process; then the function code, which reads it on import. */
async function loadFunctions({ options, log, paths, firstStart, cleanups }: Context, state: ReadyState) {
  const environment = functionEnvironment({
    region: state.region,
    tableName: state.tableName,
    idempotencyTableName: state.idempotencyTableName,
    dynamodbEndpoint: state.endpoints.dynamodb,
    cognitoEndpoint: state.endpoints.cognito,
    userPoolId: state.userPoolId,
    userPoolClientId: state.userPoolClientId,
    webClientId: state.webClientId,
    cursorSecret: state.cursorSecret,
    smsOutboxFile: paths.smsOutbox,
    smsDlqFile: paths.smsDlq,
    logLevel: options.logLevel,
  });
  cleanups.add(applyEnvironment(environment));
  // Imported only now: whatever functions/ code they pull in must see the environment above.
  const { routes } = await import('../../functions/routes');
  if (!firstStart) {
    // A data folder kept from before v1.1: its customers become searchable, its approvals get their step.
    const { backfillV11 } = await import('../../functions/usecases/backfill');
    const report = await backfillV11();
    const { scheduled, uncertain } = report.smsDeliveries;
    if (report.customersIndexed || report.ordersGivenFulfilment || scheduled || uncertain) {
      log(`Backfilled ${report.customersIndexed} customers for search, ${report.ordersGivenFulfilment} approved orders with their fulfilment step, ${scheduled} earlier pending SMS for the sweep (${uncertain} uncertain).`);
    }
  }
  const { streamConsumers } = await import('../../functions/streams/consumers');
  const { staffAlertsConsumer } = await import('../../functions/alerts/consumer');
  return { tokenIssuer: environment.TOKEN_ISSUER!, routes, streamConsumers: [...streamConsumers, staffAlertsConsumer] };
}

type LoadedFunctions = Awaited<ReturnType<typeof loadFunctions>>;

async function startApiGateway({ options, log, region, paths, ports, cleanups, loadHandler }: Context, state: ReadyState, functions: LoadedFunctions) {
  const { endpoints, userPoolId, userPoolClientId, webClientId } = state;
  const gateway = await startGateway({
    port: ports.PORT,
    region,
    routes: functions.routes,
    loadHandler,
    authorizer: jwtAuthorizer({ issuer: functions.tokenIssuer, audiences: [userPoolClientId, webClientId] }),
    localEndpoints: [
      jsonLinesEndpoint('/_local/sms-outbox', paths.smsOutbox),
        jsonLinesEndpoint('/_local/email-outbox', paths.emailOutbox),
      jsonLinesEndpoint('/_local/stream-dlq', paths.streamDlq),
      jsonLinesEndpoint('/_local/staff-alerts', staffAlertsFileNextTo(paths.smsOutbox)),
      consoleEndpoint({
        distDir: CONSOLE_DIST,
        config: localConsoleConfig({ apiUrl: endpoints.api, cognitoEndpoint: endpoints.cognito, userPoolId, webClientId }),
        tokenOrigin: endpoints.cognito,
      }),
    ],
    log,
    logRequests: options.logRequests,
  });
  cleanups.add(gateway.stop);
  return gateway;
}

async function startPoller({ options, log, region, paths, firstStart, cleanups, loadHandler }: Context, state: StackState, functions: LoadedFunctions) {
  const poller = await startStreamPoller({
    endpoint: state.endpoints.dynamodb,
    tableName: state.tableName,
    region,
    consumers: options.consumers ?? functions.streamConsumers,
    loadHandler,
    checkpointDir: paths.streamCheckpoints,
    onFailureFile: paths.streamDlq,
    // A consumer added to an existing data folder starts with new records, like a new event source mapping.
    startingPosition: firstStart ? 'TRIM_HORIZON' : 'LATEST',
    log,
  });
  cleanups.add(poller.stop);
  cleanups.add(startSchedule({ loadHandler, region, log }).stop);
}

async function seedOnce({ log, paths }: Context, state: StackState, apiUrl: string): Promise<void> {
  state.seeded = await seed({ apiUrl, cognitoEndpoint: state.endpoints.cognito, state, log, target: await localTarget(paths.root) });
  await writeStackState(paths.stackFile, state);
}

/**
 * The whole service on one machine, in this process: DynamoDB Local (Java child), cognito-local
 * (Node child), a Lambda Invoke endpoint for Cognito triggers, the HTTP API gateway and the
 * stream poller. Only one stack per process: the functions read process.env.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const log = options.log ?? defaultLog;
  const paths = dataPaths(options.dataDir ?? localDataDir());
  const firstStart = !existsSync(paths.stackFile);
  mkdirSync(paths.cognito, { recursive: true });
  const ports = await choosePorts(options);
  const cleanups = cleanupList(log);
  const context: Context = { options, log, region: options.region ?? 'us-east-1', paths, firstStart, ports, cleanups, loadHandler: options.loadHandler ?? handlerLoader() };
  try {
    const services = await startBackingServices(context);
    const state = await prepareState(context, services);
    const functions = await loadFunctions(context, state);
    const gateway = await startApiGateway(context, state, functions);
    await startPoller(context, state, functions);
    if (options.seed ?? true) await seedOnce(context, state, gateway.url);
    const pids = [services.dynamodb.process.pid, services.cognito.process.pid].filter((pid): pid is number => pid !== undefined);
    return { url: gateway.url, docsUrl: `${gateway.url}/docs`, consoleUrl: `${gateway.url}/console/`, dataDir: paths.root, paths, firstStart, state, pids, stop: cleanups.stopAll };
  } catch (error) {
    await cleanups.stopAll();
    throw error;
  }
}
