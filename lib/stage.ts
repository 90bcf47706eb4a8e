import { Duration, RemovalPolicy, type App, type Environment } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

/**
 * Everything that differs between stages, in one place. The stage comes from the CDK context
 * (`-c stage=prod`); cdk.json holds the defaults, so `npm run synth` needs no arguments.
 */
export type StageName = 'dev' | 'prod';

export interface StageSettings {
  readonly stage: StageName;
  /** Data stores (tables, user pool, secrets): DESTROY only where losing them is fine. */
  readonly removalPolicy: RemovalPolicy;
  readonly deletionProtection: boolean;
  readonly logRetention: RetentionDays;
  /** POWERTOOLS_LOG_LEVEL of every function. */
  readonly logLevel: 'DEBUG' | 'INFO' | 'WARN';
  /** Default stage throttling of the HTTP API (requests per second, burst). */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  /** How long a failing stream record is retried before it goes to the dead-letter queue. */
  readonly maxStreamRecordAge: Duration;
  /** The API's p99 latency (ms) above which the latency alarm fires. */
  readonly apiLatencyP99Ms: number;
}

export const stages: Record<StageName, Omit<StageSettings, 'stage'>> = {
  dev: {
    removalPolicy: RemovalPolicy.DESTROY,
    deletionProtection: false,
    logRetention: RetentionDays.ONE_WEEK,
    logLevel: 'DEBUG',
    throttle: { rateLimit: 50, burstLimit: 100 },
    maxStreamRecordAge: Duration.hours(1),
    apiLatencyP99Ms: 3000,
  },
  prod: {
    removalPolicy: RemovalPolicy.RETAIN,
    deletionProtection: true,
    logRetention: RetentionDays.THREE_MONTHS,
    logLevel: 'INFO',
    throttle: { rateLimit: 200, burstLimit: 400 },
    maxStreamRecordAge: Duration.hours(6),
    apiLatencyP99Ms: 1500,
  },
};

export function stageSettings(stage: StageName): StageSettings {
  return { stage, ...stages[stage] };
}

/** The deployment's own values, read from the CDK context (cdk.json defaults, `-c key=value` overrides). */
export interface DeploymentConfig {
  readonly settings: StageSettings;
  /** A custom domain of the employee console (`https://shop-admin.example.com`); default: its CloudFront domain. */
  readonly employeeWebOrigin?: string;
  /** ACM certificate (us-east-1) of that custom domain, for the distribution to answer on it. */
  readonly consoleCertificateArn?: string;
  /** The web client's callback and logout URLs when they are not the console's own (empty: the console's). */
  readonly webCallbackUrls: string[];
  readonly webLogoutUrls: string[];
  /** Prefix of the Cognito hosted-login domain (`<prefix>.auth.<region>.amazoncognito.com`); unique per region. */
  readonly cognitoDomainPrefix: string;
  /** Optional address subscribed to the alarm topic. */
  readonly alarmEmail?: string;
  /** Optional address (the shop's) subscribed to the staff alerts: new orders to review, drinks running low or out. */
  readonly staffAlertEmail?: string;
  /** Only when given (`-c account=… -c region=…`); otherwise the stack is environment-agnostic. */
  readonly env?: Environment;
}

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return value.split(',').map((item) => item.trim()).filter(Boolean);
  return [];
}

function optionalString(app: App, key: string): string | undefined {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** A URL a production browser can be sent to: https, and not this machine. */
function isPublicHttps(url: string): boolean {
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === 'https:' && !['localhost', '127.0.0.1', '[::1]', '0.0.0.0'].includes(hostname);
  } catch {
    return false;
  }
}

/**
 * A web origin or callback given as context that points at a developer's machine (or plain http)
 * would send a production stack's CORS and hosted-login redirects there: prod refuses them. Without
 * any, the console's own CloudFront URLs are used.
 */
function checkProductionUrls(config: DeploymentConfig): void {
  if (config.settings.stage !== 'prod') return;
  const given = [config.employeeWebOrigin, ...config.webCallbackUrls, ...config.webLogoutUrls];
  const urls = given.filter((url): url is string => url !== undefined);
  const local = urls.filter((url) => !isPublicHttps(url));
  if (local.length) {
    throw new Error(
      `stage=prod needs the employee web client's public https origin: -c employeeWebOrigin=https://… (and, if they differ, webCallbackUrls and webLogoutUrls). Refused: ${local.join(', ')}`,
    );
  }
}

export function readDeploymentConfig(app: App): DeploymentConfig {
  const config = deploymentConfigOf(app);
  checkProductionUrls(config);
  return config;
}

function deploymentConfigOf(app: App): DeploymentConfig {
  const stage = optionalString(app, 'stage') ?? 'dev';
  if (stage !== 'dev' && stage !== 'prod') throw new Error(`Unknown stage "${stage}": use -c stage=dev or -c stage=prod`);
  const employeeWebOrigin = optionalString(app, 'employeeWebOrigin');
  const account = optionalString(app, 'account');
  const region = optionalString(app, 'region');
  return {
    settings: stageSettings(stage),
    employeeWebOrigin,
    consoleCertificateArn: optionalString(app, 'consoleCertificateArn'),
    webCallbackUrls: list(app.node.tryGetContext('webCallbackUrls')),
    webLogoutUrls: list(app.node.tryGetContext('webLogoutUrls')),
    cognitoDomainPrefix: optionalString(app, 'cognitoDomainPrefix') ?? `beverage-shop-orders-${stage}`,
    alarmEmail: optionalString(app, 'alarmEmail'),
    staffAlertEmail: optionalString(app, 'staffAlertEmail'),
    env: account || region ? { account, region } : undefined,
  };
}

/** The CloudFormation stack name of a stage (the ops CLI finds the stack's outputs by it). */
export const stackName = (stage: StageName) => `BeverageShopOrders-${stage}`;
