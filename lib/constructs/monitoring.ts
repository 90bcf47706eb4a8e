import type { Alarm, CfnAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { runbookLink, runbookSectionOf } from './runbook';

/** Where alarms go: one SNS topic (subscribe on-call to it; `-c alarmEmail=…` does it for email). */
export class Monitoring extends Construct {
  readonly alarmTopic: Topic;

  constructor(scope: Construct, id: string, props: { alarmEmail?: string }) {
    super(scope, id);
    this.alarmTopic = new Topic(this, 'AlarmTopic', { displayName: 'Beverage shop order service alarms', enforceSSL: true });
    NagSuppressions.addResourceSuppressions(this.alarmTopic, [
      {
        id: 'AwsSolutions-SNS2',
        reason:
          'Alarm notifications carry no customer data (alarm names and metric values). CloudWatch cannot publish to a topic encrypted with the AWS-managed SNS key, and a customer-managed key would be kept only for this.',
      },
    ]);
    if (props.alarmEmail) {
      this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));
      NagSuppressions.addResourceSuppressions(
        this.alarmTopic,
        [
          {
            id: 'Serverless-SNSRedrivePolicy',
            reason: 'An email subscription of the alarm topic: an undeliverable alarm email has nowhere better to go, and the alarm stays visible in CloudWatch.',
          },
        ],
        true,
      );
    }
  }

  /**
   * Sends the alarm's state changes (into ALARM and back to OK) to the topic. Every watched alarm
   * links to its runbook section: one whose description has none gets it from runbookSectionOf,
   * and an alarm with neither fails the synth.
   */
  watch(alarm: Alarm): Alarm {
    const cfnAlarm = alarm.node.defaultChild as CfnAlarm;
    if (!cfnAlarm.alarmDescription?.includes('Runbook: ')) {
      const section = runbookSectionOf(alarm.node.id);
      if (!section) throw new Error(`Alarm ${alarm.node.path} has no runbook section: end its description with runbookLink(…) (lib/constructs/runbook.ts)`);
      cfnAlarm.alarmDescription = `${cfnAlarm.alarmDescription ?? ''}. ${runbookLink(section)}`;
    }
    const action = new SnsAction(this.alarmTopic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    return alarm;
  }
}
