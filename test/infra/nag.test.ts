import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { synthShop, testConsumer, type SynthOptions } from './synth';

const PACKS = Match.stringLikeRegexp('^(AwsSolutions|Serverless)-');

/**
 * With cdk.json's `annotationsInValidationReport`, an error annotation makes synthesis throw (as
 * `npm run synth` fails); here it is turned off so that the findings can be listed one by one.
 */
function findings(options: SynthOptions, tamper?: (stack: ReturnType<typeof synthShop>['stack']) => void) {
  const context = { ...options.context, '@aws-cdk/core:annotationsInValidationReport': false };
  const { stack } = synthShop({ ...options, context, cfnValidation: true }, tamper);
  const annotations = Annotations.fromStack(stack);
  const list = (found: { id: string; entry: { data?: unknown } }[]) => found.map((item) => `${item.id}: ${String(item.entry.data).slice(0, 160)}`);
  return {
    errors: list(annotations.findError('*', PACKS)),
    warnings: list(annotations.findWarning('*', PACKS)),
  };
}

/** A whole synth with every check; the first one in a process also warms up CDK and the WASM validator. */
const SYNTH_TIMEOUT = 90_000;

describe('cdk-nag (AwsSolutions and Serverless packs)', () => {
  // CloudFormation's own validation runs here too: its errors fail the synth as they fail `cdk synth`.
  it.each([
    ['dev', { stage: 'dev' }],
    ['prod with a stream consumer and an alarm email', { stage: 'prod', streamConsumers: [testConsumer], context: { alarmEmail: 'ops@example.com', employeeWebOrigin: 'https://shop-admin.example.com' } }],
  ] as [string, SynthOptions][])('finds nothing unsuppressed in %s', (_name, options) => {
    const { errors, warnings } = findings(options);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
  }, SYNTH_TIMEOUT);

  it('does report a new unsuppressed finding (the check above can fail)', () => {
    const { errors } = findings({}, (stack) => new Queue(stack, 'PlainQueue', { enforceSSL: false }));
    expect(errors.some((error) => error.includes('AwsSolutions-SQS4'))).toBe(true);
  }, SYNTH_TIMEOUT);

  it('fails the synth itself on an unsuppressed error, as `npm run synth` does', () => {
    expect(() => synthShop({}, (stack) => new Queue(stack, 'PlainQueue', { enforceSSL: false }))).toThrow(/AwsSolutions-SQS4/);
  }, SYNTH_TIMEOUT);
});
