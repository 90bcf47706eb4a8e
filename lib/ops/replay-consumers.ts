import { CloudFormationClient, DescribeStackResourcesCommand, GetTemplateCommand } from '@aws-sdk/client-cloudformation';
import { streamConsumers } from '../../functions/streams/consumers';
import { orderChangeOf } from '../../functions/streams/order-changes';
import { handlerLoader } from '../local/function-modules';
import { functionNameFor, lambdaContext } from '../local/lambda-context';
import { compileFilters } from '../local/stream-poller/filter-pattern';
import { orderEventsWithoutDelivery } from './lost-order-events';
import type { ReplayConsumer } from './replay-stream-failures';
import type { OpsTarget } from './targets';

/** The registry's consumers (functions/streams/consumers.ts), each run as its mapping runs it. They act on order changes. */
function registryConsumers(region: string): (ReplayConsumer & { localFunctionName: string })[] {
  const load = handlerLoader();
  return streamConsumers.map((consumer) => ({
    name: consumer.name,
    localFunctionName: functionNameFor(consumer.handler),
    batchSize: consumer.batchSize,
    matches: compileFilters(consumer.filters),
    reportBatchItemFailures: consumer.reportBatchItemFailures ?? false,
    invoke: async (records) =>
      (await load(consumer.handler))({ Records: records }, lambdaContext({ functionName: functionNameFor(consumer.handler), region, timeoutMs: 30_000 })),
    describe: (record) => {
      const change = orderChangeOf(record);
      return change && { orderId: change.orderId, event: change.state };
    },
    lostEvents: orderEventsWithoutDelivery,
  }));
}

const functionNameOf = (functionArn: string) => functionArn.split(':function:')[1]?.split(':')[0] ?? '';

/**
 * A deployed consumer's name, from its function's description in the stack's template
 * ("Stream consumer <name> (…)", lib/constructs/notifications.ts): CDK generates the function names.
 */
async function deployedConsumerName(cloudformation: CloudFormationClient, stackName: string, functionName: string): Promise<string | undefined> {
  const { StackResources = [] } = await cloudformation.send(new DescribeStackResourcesCommand({ StackName: stackName, PhysicalResourceId: functionName }));
  const logicalId = StackResources[0]?.LogicalResourceId;
  if (!logicalId) return undefined;
  const { TemplateBody = '{}' } = await cloudformation.send(new GetTemplateCommand({ StackName: stackName }));
  const template = JSON.parse(TemplateBody) as { Resources?: Record<string, { Properties?: { Description?: string } }> };
  return /^Stream consumer (\S+) /.exec(template.Resources?.[logicalId]?.Properties?.Description ?? '')?.[1];
}

/** Which registry consumer a mapping's function ARN belongs to, on the local stack or a deployed one. */
export function consumerResolver(target: OpsTarget): (functionArn: string) => Promise<ReplayConsumer | undefined> {
  const consumers = registryConsumers(target.region);
  const stackName = target.streamFailures && 'stackName' in target.streamFailures ? target.streamFailures.stackName : undefined;
  const names = new Map<string, Promise<string | undefined>>();
  return async (functionArn) => {
    const functionName = functionNameOf(functionArn);
    if (!stackName) return consumers.find((consumer) => consumer.localFunctionName === functionName);
    if (!names.has(functionName)) {
      const cloudformation = new CloudFormationClient({ region: target.region });
      names.set(functionName, deployedConsumerName(cloudformation, stackName, functionName).finally(() => cloudformation.destroy()));
    }
    const name = await names.get(functionName);
    return consumers.find((consumer) => consumer.name === name);
  };
}
