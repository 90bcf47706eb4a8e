import { Aspects, type IAspect } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** cdk-nag packs run on every synth: a finding is an error or warning annotation unless suppressed with a reason. */
export function nagPacks(): IAspect[] {
  return [new AwsSolutionsChecks({ verbose: true }), new ServerlessChecks({ verbose: true })];
}

export function applyChecks(scope: IConstruct): void {
  for (const pack of nagPacks()) Aspects.of(scope).add(pack);
}
