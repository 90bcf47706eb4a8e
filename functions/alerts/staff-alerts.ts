import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { dynamodb } from '../data/client';
import { config } from '../platform/config';
import { logger } from '../platform/logger';
import { inSubsegment, traced } from '../platform/tracer';
import { alertKey, alertOf, type StaffAlert } from './events';
import { staffAlertPublisher, type PublishAlert } from './publisher';

/** Longer than a stream record lives (24 h): a redelivery always finds the alert's claim. */
const CLAIM_SECONDS = 48 * 60 * 60;

/** The publisher of one invocation: claims taken through it expire with the invocation. */
export type PublisherFor = (context: Context) => PublishAlert;

/**
 * Publishes each alert at most once: the alert's key is claimed in the idempotency table
 * (Powertools idempotency) before publishing; a redelivered record finds it completed and publishes
 * nothing. A failed publish releases the claim, so the retry publishes. The invocation's context is
 * registered so that a claim left by an invocation that timed out or died expires with it, instead
 * of blocking the alert's retries until the claim itself expires.
 */
export function onceEach(publish: PublishAlert): PublisherFor {
  const idempotencyConfig = new IdempotencyConfig({ eventKeyJmesPath: 'key', expiresAfterSeconds: CLAIM_SECONDS });
  const once = makeIdempotent(async (claim: { key: string; alert: StaffAlert }) => publish(claim.alert), {
    persistenceStore: new DynamoDBPersistenceLayer({ tableName: config.idempotencyTableName, awsSdkV3Client: dynamodb }),
    config: idempotencyConfig,
  });
  return (context) => {
    idempotencyConfig.registerLambdaContext(context);
    return async (alert) => {
      await once({ key: alertKey(alert), alert });
    };
  };
}

export function staffAlertsHandler(publisherFor: PublisherFor) {
  return async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> => {
    logger.addContext(context);
    const publish = publisherFor(context);
    const processor = new BatchProcessor(EventType.DynamoDBStreams);
    const handleRecord = async (record: DynamoDBRecord) => {
      const alert = alertOf(record);
      if (!alert) return;
      const orderId = alert.type === 'OrderPendingReview' ? alert.orderId : undefined;
      await inSubsegment('staff alert', { orderId }, () => publish(alert));
      logger.info('Staff alert published', { type: alert.type, key: alertKey(alert) });
    };
    return processPartialResponse(event, handleRecord, processor, { context, processInParallel: false, throwOnFullBatchFailure: false });
  };
}

let configured: ReturnType<typeof staffAlertsHandler> | undefined;

export const handler = traced((event: DynamoDBStreamEvent, context: Context) => (configured ??= staffAlertsHandler(onceEach(staffAlertPublisher())))(event, context));
