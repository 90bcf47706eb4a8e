import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Alias } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import type { StreamConsumer } from '../../functions/streams/consumers';
import type { StageSettings } from '../stage';
import { consumerDefaults } from './notifications';
import { idempotencyTableGrants } from './route-access';
import { ServiceFunction } from './service-function';
import { streamEventSource } from './stream-event-source';

export interface StaffAlertsProps {
  readonly settings: StageSettings;
  readonly table: Table;
  readonly idempotencyTable: Table;
  readonly consumer: StreamConsumer;
  /** Where batches that run out of retries leave their position. */
  readonly deadLetterQueue: IQueue;
  /** The shop's address subscribed to the alerts (`-c staffAlertEmail=…`); it confirms once from the email SNS sends. */
  readonly email?: string;
}

/**
 * Staff alerts: an SNS topic (email needs no more than a subscription; SNS fans out to more
 * subscribers later, an SMS or a chat webhook), fed by a consumer of its own on the table's stream
 * with its own filters, claiming each alert in the idempotency table before publishing.
 */
export class StaffAlerts extends Construct {
  readonly topic: Topic;
  readonly consumer: ServiceFunction;

  constructor(scope: Construct, id: string, props: StaffAlertsProps) {
    super(scope, id);
    const { settings, consumer } = props;
    this.topic = new Topic(this, 'Topic', {
      displayName: 'Beverage shop staff alerts',
      enforceSSL: true,
      // Order references and drink names only; the AWS-managed key: the only publisher is our function.
      masterKey: Alias.fromAliasName(this, 'SnsKey', 'alias/aws/sns'),
    });
    if (props.email) {
      this.topic.addSubscription(new EmailSubscription(props.email));
      NagSuppressions.addResourceSuppressions(
        this.topic,
        [{ id: 'Serverless-SNSRedrivePolicy', reason: 'An email subscription: an undeliverable alert email has nowhere better to go; the orders and stock are on the console.' }],
        true,
      );
    }
    this.consumer = new ServiceFunction(this, consumer.name, {
      handler: consumer.handler,
      description: `Stream consumer ${consumer.name} (functions/${consumer.handler})`,
      memorySize: consumerDefaults.memorySize,
      timeout: consumerDefaults.timeoutFor(consumer.batchSize),
      invokedBy: 'stream',
      settings,
      environment: {
        TABLE_NAME: props.table.tableName,
        IDEMPOTENCY_TABLE_NAME: props.idempotencyTable.tableName,
        STAFF_ALERTS_TOPIC_ARN: this.topic.topicArn,
      },
    });
    // Not topic.grantPublish: it would also grant KMS on every key (key/*). The AWS-managed SNS key's
    // own policy lets the account's principals use it through SNS, so sns:Publish on the topic is all.
    this.consumer.fn.addToRolePolicy(new PolicyStatement({ actions: ['sns:Publish'], resources: [this.topic.topicArn] }));
    this.consumer.grantTableActions(props.idempotencyTable, idempotencyTableGrants);
    this.consumer.fn.addEventSource(streamEventSource(props.table, consumer, props.deadLetterQueue, settings));
    NagSuppressions.addResourceSuppressions(
      this.consumer.role,
      [{ id: 'AwsSolutions-IAM5', reason: 'The stream event source needs dynamodb:ListStreams, which supports no resource-level permissions.', appliesTo: ['Resource::*'] }],
      true,
    );
  }
}
