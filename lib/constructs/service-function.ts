import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Duration, Stack } from 'aws-cdk-lib';
import type { CfnTable, ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat, type BundlingOptions, type ICommandHooks } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import type { BuildOptions } from 'esbuild';
import type { StageSettings } from '../stage';
import type { TableGrants } from './route-access';

/** Repository root: entries, the lock file and tsconfig.json are found from here, whatever the cwd. */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
export const functionsDir = `${projectRoot}functions`;

/** Powertools' `service` (log key and default metric dimension) of every function. */
export const SERVICE_NAME = 'orders';
/** CloudWatch namespace of the functions' custom metrics (Powertools Metrics reads it from the environment). */
export const METRICS_NAMESPACE = 'BeverageShop';

/**
 * Bundled ESM output that still loads CommonJS dependencies: esbuild turns their `require` calls
 * into a `__require` that needs a real `require` in scope. The import is aliased so that it cannot
 * collide with a `createRequire` import of the bundle itself (the banner is not parsed by esbuild).
 */
const REQUIRE_SHIM =
  "import { createRequire as __bundleCreateRequire } from 'node:module'; const require = __bundleCreateRequire(import.meta.url);";

/**
 * The esbuild settings of every function, in esbuild's own terms: a benchmark or a script that
 * calls `esbuild.build({ ...esbuildOptions, entryPoints, outfile })` bundles exactly as deployed.
 *
 * The AWS SDK v3 is bundled, not left external to the copy in the Lambda runtime: the deployed
 * code then runs the SDK versions the tests ran (the runtime's copy changes under us without a
 * deploy), the bundle only carries the clients and commands we import (ESM tree-shaking), and a
 * minified single-file bundle loads faster than resolving the runtime's SDK from disk.
 */
export const esbuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  mainFields: ['module', 'main'],
  banner: { js: REQUIRE_SHIM },
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  external: [],
  outExtension: { '.js': '.mjs' },
} as const satisfies BuildOptions;

/** The same settings for NodejsFunction (local esbuild; Docker is never used). */
export const bundling: BundlingOptions = {
  format: OutputFormat.ESM,
  target: esbuildOptions.target,
  mainFields: [...esbuildOptions.mainFields],
  banner: esbuildOptions.banner.js,
  minify: esbuildOptions.minify,
  sourceMap: esbuildOptions.sourcemap,
  sourcesContent: esbuildOptions.sourcesContent,
  bundleAwsSDK: true,
  externalModules: [...esbuildOptions.external],
  logLevel: LogLevel.WARNING,
  forceDockerBundling: false,
};

/** Pinned, never "latest": a runtime upgrade is a reviewed change, not a side effect of a CDK upgrade. */
export const RUNTIME = Runtime.NODEJS_22_X;
export const ARCHITECTURE = Architecture.ARM_64;
const PINNED_RUNTIME_REASON =
  'The runtime is pinned to Node.js 22 on purpose (the code, its dependencies and its tests target it); moving to a newer runtime is a reviewed change, not a side effect of a CDK upgrade.';

export interface ServiceFunctionProps {
  /** Module under functions/ exporting `handler`, e.g. `http/orders/create`. */
  readonly handler: string;
  readonly description?: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly environment?: Record<string, string>;
  readonly settings: StageSettings;
  /**
   * Who invokes it. Every kind here invokes synchronously or through an event source mapping, so a
   * function-level DLQ (which only catches asynchronous invocations) has nothing to catch; an
   * asynchronously invoked function would need one and is deliberately not a kind here, except a
   * schedule: its event carries nothing, and a failed run is made up by the next one.
   */
  readonly invokedBy: 'http-api' | 'cognito' | 'stream' | 'schedule';
  /**
   * Files copied from node_modules into the function's folder next to the bundle (`source` is
   * package-relative, `target` relative to the bundle), for code that reads files at run time.
   */
  readonly bundledFiles?: readonly BundledFile[];
}

export interface BundledFile {
  readonly source: string;
  readonly target: string;
}

/**
 * The house Lambda function: Node 22 on arm64, bundled ESM with source maps, explicit memory,
 * timeout and log group (retention per stage), Powertools environment, X-Ray tracing, and its own
 * role that may write only to its own log group (no AWSLambdaBasicExecutionRole managed policy).
 * Grants are added by whoever wires the function, from what it is for.
 */
export class ServiceFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    const { settings } = props;

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: settings.logRetention,
      removalPolicy: settings.removalPolicy,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs functions/${props.handler}`,
    });
    this.logGroup.grantWrite(this.role);

    this.fn = new NodejsFunction(this, 'Function', {
      entry: entryFor(this, props.handler),
      handler: 'handler',
      description: props.description ?? `functions/${props.handler}`,
      runtime: RUNTIME,
      architecture: ARCHITECTURE,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      tracing: Tracing.ACTIVE,
      projectRoot,
      depsLockFilePath: `${projectRoot}package-lock.json`,
      bundling: props.bundledFiles?.length ? { ...bundling, commandHooks: copyAfterBundling(props.bundledFiles) } : bundling,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_LOG_LEVEL: settings.logLevel,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        ...props.environment,
      },
    });

    NagSuppressions.addResourceSuppressions(
      this.role,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason: 'X-Ray active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions, so AWS requires "*".',
          appliesTo: ['Resource::*'],
        },
      ],
      true,
    );
    NagSuppressions.addResourceSuppressions(this.fn, [
      {
        id: 'Serverless-LambdaDLQ',
        reason:
          props.invokedBy === 'schedule'
            ? 'Invoked by an EventBridge schedule every minute: the event carries nothing to keep, and a failed run is made up by the next one.'
            : `Invoked by ${props.invokedBy} (synchronously or through an event source mapping with its own on-failure destination); a function DLQ only applies to asynchronous invocations.`,
      },
      { id: 'AwsSolutions-L1', reason: PINNED_RUNTIME_REASON },
      { id: 'Serverless-LambdaLatestVersion', reason: PINNED_RUNTIME_REASON },
    ]);
  }
  /** Exactly these actions on the table and Query on these of its indexes (never the stream, never `index/*`). */
  grantTableActions(table: ITable, grants: TableGrants): void {
    if (grants.actions.length) {
      this.role.addToPrincipalPolicy(new PolicyStatement({ actions: grants.actions.map((action) => `dynamodb:${action}`), resources: [table.tableArn] }));
    }
    if (grants.queriedIndexes.length) {
      const resources = grants.queriedIndexes.map((index) => `${table.tableArn}/index/${index}`);
      this.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['dynamodb:Query'], resources }));
    }
  }

  /**
   * Grants the table (and its indexes). For a table with indexes, DynamoDB grants name them
   * `<table ARN>/index/*`; the functions query the GSIs, so that wildcard is expected, and it is
   * acknowledged for exactly that table.
   */
  grantTable(table: ITable, access: 'read' | 'read-write'): void {
    if (access === 'read') table.grantReadData(this.fn);
    else table.grantReadWriteData(this.fn);
    const tableResource = table.node.defaultChild as CfnTable;
    const stack = Stack.of(table);
    const indexes = [stack.resolve(tableResource.globalSecondaryIndexes), stack.resolve(tableResource.localSecondaryIndexes)];
    if (!indexes.some((list) => Array.isArray(list) && list.length > 0)) return;
    const logicalId = stack.resolve(tableResource.logicalId) as string;
    NagSuppressions.addResourceSuppressions(
      this.role,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason: `Access to the indexes of the table it uses (${table.node.path}): DynamoDB grants name them <table ARN>/index/*.`,
          appliesTo: [`Resource::<${logicalId}.Arn>/index/*`],
        },
      ],
      true,
    );
  }
}

/**
 * functions/<handler>.ts. NodejsFunction checks that the entry exists even when bundling is
 * skipped (`aws:cdk:bundling-stacks`, as the assertion tests do); only then, and only for a handler
 * that is still being written, this file stands in: nothing reads it, since nothing is bundled.
 * A real synth or deploy always bundles, and fails on a missing entry.
 */
function entryFor(scope: Construct, handler: string): string {
  const entry = `${functionsDir}/${handler}.ts`;
  if (existsSync(entry) || Stack.of(scope).bundlingRequired) return entry;
  return fileURLToPath(import.meta.url);
}

/** Shell commands run by the (local) bundling after esbuild: inputDir is the project root. */
function copyAfterBundling(files: readonly BundledFile[]): ICommandHooks {
  for (const file of files) {
    if (!existsSync(`${projectRoot}node_modules/${file.source}`)) throw new Error(`Cannot bundle node_modules/${file.source}: not installed`);
    if (file.target.split('/').includes('..')) throw new Error(`Bundled file target must stay in the bundle: ${file.target}`);
  }
  const quote = (path: string) => `'${path.replaceAll("'", "'\\''")}'`;
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir, outputDir) =>
      files.map((file) => {
        const target = `${outputDir}/${file.target}`;
        return `mkdir -p ${quote(target.slice(0, target.lastIndexOf('/')))} && cp ${quote(`${inputDir}/node_modules/${file.source}`)} ${quote(target)}`;
      }),
  };
}

/** Standard sizes: the HTTP API waits at most 30 s, but an endpoint that needs 10 s is a bug. */
export const httpFunctionSize = { memorySize: 512, timeout: Duration.seconds(10) } as const;
