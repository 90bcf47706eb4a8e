import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import cdkJson from '../../cdk.json';
import type { RouteDeclaration } from '../../functions/routes';
import type { StreamConsumer } from '../../functions/streams/consumers';
import { applyChecks } from '../../lib/checks';
import { ShopStack } from '../../lib/stack';
import { PROJECT_ROOT } from '../../lib/local/paths';
import { join } from 'node:path';
import { readDeploymentConfig, type StageName } from '../../lib/stage';

export interface SynthOptions {
  stage?: StageName;
  streamConsumers?: readonly StreamConsumer[];
  /** Extra CDK context (`-c key=value` on the command line). */
  context?: Record<string, unknown>;
  /**
   * CDK's built-in CloudFormation validation (a WASM rule engine, seconds per process). `cdk synth`
   * always runs it; the nag test does too, the other tests skip it to stay fast.
   */
  cfnValidation?: boolean;
  /** Run the real bundling (slow: esbuild per function); skipped by default. */
  bundle?: boolean;
  /** Defaults to functions/routes.ts. */
  routes?: readonly RouteDeclaration[];
}

/**
 * The stack as `cdk synth` builds it (cdk.json's context and feature flags, the nag packs), with
 * bundling skipped: the tests read the template, not the bundles, and need no handler to exist.
 */
export function synthShop(options: SynthOptions = {}, tamper?: (stack: ShopStack) => void) {
  const app = new App({
    builtinCloudFormationValidation: options.cfnValidation ?? false,
    context: {
      ...cdkJson.context,
      stage: options.stage ?? 'dev',
      ...options.context,
      ...(!options.bundle && { 'aws:cdk:bundling-stacks': [] }),
    },
  });
  const config = readDeploymentConfig(app);
  const stack = new ShopStack(app, 'Shop', {
    config,
    streamConsumers: options.streamConsumers,
    routes: options.routes,
    // The console's files as a small fixture: the tests need no Vite build.
    consoleAssetDir: join(PROJECT_ROOT, 'test', 'fixtures', 'console-dist'),
  });
  tamper?.(stack);
  applyChecks(app);
  return { app, stack, config, template: Template.fromStack(stack) };
}

/** A consumer like the SMS one, injected because the registry may still be empty. */
export const testConsumer: StreamConsumer = {
  name: 'TestSms',
  handler: 'streams/test-sms-consumer',
  filters: [
    { eventName: ['INSERT'], dynamodb: { NewImage: { __edb_e__: { S: ['order'] } } } },
    { eventName: ['MODIFY'], dynamodb: { NewImage: { __edb_e__: { S: ['order'] } } } },
  ],
  batchSize: 7,
  maxRetries: 4,
  bisectBatchOnError: true,
  reportBatchItemFailures: true,
};

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown>; DependsOn?: string | string[] }>;

export function resourcesOf(template: Template, type?: string): Resources {
  const all = template.toJSON().Resources as Resources;
  return Object.fromEntries(Object.entries(all).filter(([, resource]) => !type || resource.Type === type));
}

/** Every IAM statement attached to a function's role, whatever policy carries it. */
export function statementsOfFunction(template: Template, functionLogicalId: string): Statement[] {
  const fn = resourcesOf(template)[functionLogicalId]!;
  const roleId = ((fn.Properties!.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'])[0];
  return Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
    .filter((policy) => (policy.Properties!.Roles as { Ref: string }[]).some((role) => role.Ref === roleId))
    .flatMap((policy) => (policy.Properties!.PolicyDocument as { Statement: Statement[] }).Statement);
}

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

export const actionsOf = (statements: Statement[]) => statements.flatMap((statement) => [statement.Action].flat());

/** The logical ids a value refers to (Ref, Fn::GetAtt, Fn::Sub). */
export function referencedIds(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => referencedIds(item, into));
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'Ref' && typeof inner === 'string') into.add(inner);
      else if (key === 'Fn::GetAtt') into.add(Array.isArray(inner) ? String(inner[0]) : String(inner).split('.')[0]!);
      else if (key === 'Fn::Sub') {
        const text = Array.isArray(inner) ? String(inner[0]) : String(inner);
        for (const match of text.matchAll(/\$\{([^}.!]+)/g)) into.add(match[1]!);
        referencedIds(inner, into);
      } else referencedIds(inner, into);
    }
  }
  return into;
}
