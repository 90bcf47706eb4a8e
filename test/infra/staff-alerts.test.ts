import { describe, expect, it } from 'vitest';
import { staffAlertFilters } from '../../functions/alerts/events';
import { resourcesOf, statementsOfFunction, synthShop } from './synth';

const { template, stack } = synthShop({ context: { staffAlertEmail: 'shop@example.com' } });
const consumerId = stack.getLogicalId(stack.staffAlerts.consumer.fn.node.defaultChild as never);
const topicId = stack.getLogicalId(stack.staffAlerts.topic.node.defaultChild as never);

describe('staff alerts', () => {
  it('have their own consumer with its own mapping and filters, retries and dead-letter destination', () => {
    const mappings = Object.values(resourcesOf(template, 'AWS::Lambda::EventSourceMapping')).filter((mapping) => JSON.stringify(mapping.Properties!.FunctionName).includes(consumerId));
    expect(mappings).toHaveLength(1);
    const props = mappings[0]!.Properties!;
    expect((props.FilterCriteria as { Filters: { Pattern: string }[] }).Filters.map((filter) => JSON.parse(filter.Pattern))).toEqual(staffAlertFilters);
    expect(props).toMatchObject({ BisectBatchOnFunctionError: true, FunctionResponseTypes: ['ReportBatchItemFailures'], MaximumRetryAttempts: 5 });
    expect(JSON.stringify(props.DestinationConfig)).toContain('DeadLetterQueue');
  });

  it('publish to an encrypted topic the shop subscribes to by email, and may only publish there and use the claim table', () => {
    const fn = resourcesOf(template, 'AWS::Lambda::Function')[consumerId]!.Properties!;
    expect((fn.Environment as { Variables: Record<string, unknown> }).Variables.STAFF_ALERTS_TOPIC_ARN).toEqual({ Ref: topicId });
    expect(resourcesOf(template, 'AWS::SNS::Topic')[topicId]!.Properties!.KmsMasterKeyId).toBeDefined();
    const subscriptions = Object.values(resourcesOf(template, 'AWS::SNS::Subscription')).filter((subscription) => JSON.stringify(subscription.Properties!.TopicArn).includes(topicId));
    expect(subscriptions.map((subscription) => [subscription.Properties!.Protocol, subscription.Properties!.Endpoint])).toEqual([['email', 'shop@example.com']]);
    const statements = statementsOfFunction(template, consumerId);
    const publish = statements.filter((statement) => [statement.Action].flat().includes('sns:Publish'));
    expect(publish.map((statement) => statement.Resource)).toEqual([{ Ref: topicId }]);
  });

  it('have no subscription without the deploy parameter', () => {
    const { template: plain } = synthShop();
    expect(Object.keys(resourcesOf(plain, 'AWS::SNS::Subscription'))).toHaveLength(0);
  });
});
