import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import type { ShopStack } from '../../lib/stack';
import { PROJECT_ROOT } from '../../lib/local/paths';
import { RUNBOOK_PATH } from '../../lib/constructs/runbook';
import { stageSettings } from '../../lib/stage';
import { resourcesOf, synthShop, testConsumer } from './synth';

const { template, stack } = synthShop({ streamConsumers: [testConsumer] });
const alarms = Object.entries(resourcesOf(template, 'AWS::CloudWatch::Alarm'));

/** GitHub's anchor of a markdown heading: lower case, punctuation dropped, spaces to dashes. */
const anchorOf = (heading: string) => heading.trim().toLowerCase().replace(/[^\w\- ]/g, '').replaceAll(' ', '-');
const anchors = new Set(
  readFileSync(join(PROJECT_ROOT, RUNBOOK_PATH), 'utf8')
    .split('\n')
    .filter((line) => /^#{1,6} /.test(line))
    .map((line) => anchorOf(line.replace(/^#+ /, ''))),
);
const descriptionOf = (id: string) => String(alarms.find(([alarmId]) => alarmId === id)![1].Properties!.AlarmDescription);
const alarmOn = (metricName: string, dimension: string, logicalId: string) =>
  alarms.filter(([, alarm]) => {
    const props = alarm.Properties!;
    const metrics = JSON.stringify(props.Metrics ?? [{ MetricName: props.MetricName, Dimensions: props.Dimensions }]);
    return metrics.includes(`"${metricName}"`) && metrics.includes(`"Name":"${dimension}","Value":{"Ref":"${logicalId}"}`);
  });

describe('alarms', () => {
  it('each link to a section of the runbook that exists, and go to the alarm topic', () => {
    expect(alarms.length).toBeGreaterThan(10);
    for (const [id, alarm] of alarms) {
      const description = String(alarm.Properties!.AlarmDescription);
      const link = new RegExp(`Runbook: ${RUNBOOK_PATH.replace('.', '\\.')}#([\\w-]+)$`).exec(description);
      expect(link, `${id}: ${description}`).not.toBeNull();
      expect(anchors, `${id} links to #${link![1]}`).toContain(link![1]);
      expect(JSON.stringify(alarm.Properties!.AlarmActions), id).toContain('MonitoringAlarmTopic');
    }
  });

  it('watch errors and throttles of every function; the Cognito trigger has its own section', () => {
    const functionIds = Object.keys(resourcesOf(template, 'AWS::Lambda::Function')).filter((id) => !id.startsWith('CustomCDKBucketDeployment'));
    for (const id of functionIds) {
      for (const metric of ['Errors', 'Throttles']) expect(alarmOn(metric, 'FunctionName', id), `${id} ${metric}`).toHaveLength(1);
    }
    const triggerId = stack.getLogicalId(stack.auth.postConfirmation.fn.node.defaultChild as CfnFunction);
    const [triggerAlarm] = alarmOn('Errors', 'FunctionName', triggerId);
    expect(descriptionOf(triggerAlarm![0])).toMatch(/post-confirmation trigger failed.*#cognito-trigger-errors$/);
  });

  it('watch DynamoDB throttles of both tables and the p99 against the stage threshold', () => {
    for (const id of Object.keys(resourcesOf(template, 'AWS::DynamoDB::Table'))) expect(alarmOn('ThrottledRequests', 'TableName', id).length, id).toBe(1);
    const p99 = alarms.filter(([, alarm]) => alarm.Properties!.MetricName === 'Latency' && alarm.Properties!.ExtendedStatistic === 'p99');
    expect(p99).toHaveLength(1);
    expect(p99[0]![1].Properties!.Threshold).toBe(stageSettings('dev').apiLatencyP99Ms);
    const prod = synthShop({ stage: 'prod', streamConsumers: [testConsumer], context: { employeeWebOrigin: 'https://staff.example.com' } }).template;
    const prodP99 = Object.values(resourcesOf(prod, 'AWS::CloudWatch::Alarm')).filter((alarm) => alarm.Properties!.ExtendedStatistic === 'p99');
    expect(prodP99.map((alarm) => alarm.Properties!.Threshold)).toEqual([stageSettings('prod').apiLatencyP99Ms]);
  });

  it('refuse an alarm without a runbook section at synth', () => {
    const unexplained = (shop: ShopStack) => shop.monitoring.watch(new Alarm(shop, 'Unexplained', { metric: shop.api.stage.metricCount(), threshold: 1, evaluationPeriods: 1 }));
    expect(() => synthShop({}, unexplained)).toThrow(/Unexplained has no runbook section/);
  });

  it('watch the SMS dead-letter queue and the SMS of unknown outcome', () => {
    const smsQueueId = stack.getLogicalId(stack.notifications.smsDeadLetterQueue.node.defaultChild as never);
    const onSmsQueue = alarms.filter(([, alarm]) => JSON.stringify(alarm.Properties!.Dimensions ?? []).includes(smsQueueId));
    expect(onSmsQueue.map(([id]) => descriptionOf(id))).toEqual([expect.stringMatching(/^An SMS that used every attempt is in the dead-letter queue .*#sms-dead-letters$/)]);
    const uncertain = alarms.filter(([, alarm]) => alarm.Properties!.MetricName === 'SmsUncertain');
    expect(uncertain.map(([id]) => descriptionOf(id))).toEqual([expect.stringMatching(/unknown outcome.*#sms-uncertain$/)]);
  });

  it('watch a dead-letter queue with one call', () => {
    const { template: withQueue } = synthShop({}, (shop) => shop.alarms.deadLetterQueue(shop.notifications.deadLetterQueue, 'An SMS that kept failing', 'sms-dead-letters'));
    const queueAlarms = Object.values(resourcesOf(withQueue, 'AWS::CloudWatch::Alarm')).filter((alarm) => String(alarm.Properties!.AlarmDescription).startsWith('An SMS that kept failing'));
    expect(queueAlarms.map((alarm) => [alarm.Properties!.MetricName, alarm.Properties!.AlarmDescription])).toEqual([
      ['ApproximateNumberOfMessagesVisible', expect.stringMatching(/^An SMS that kept failing is in the dead-letter queue .*#sms-dead-letters$/)],
    ]);
  });
});
