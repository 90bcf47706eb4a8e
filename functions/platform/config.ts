/* Every setting comes from the environment: CDK sets it in AWS, the local stack and the tests set it locally. */

/** An unset or empty variable is absent. */
const optional = (name: string): string | undefined => process.env[name] || undefined;

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  return value;
}

export const config = {
  get region() {
    return process.env.AWS_REGION ?? 'us-east-1';
  },
  get tableName() {
    return required('TABLE_NAME');
  },
  get idempotencyTableName() {
    return required('IDEMPOTENCY_TABLE_NAME');
  },
  /** Only set locally: DynamoDB Local's URL. */
  get dynamodbEndpoint() {
    return process.env.DYNAMODB_ENDPOINT;
  },
  get userPoolId() {
    return required('USER_POOL_ID');
  },
  /** The public (mobile) app client: used for sign-up and sign-in. */
  get userPoolClientId() {
    return required('USER_POOL_CLIENT_ID');
  },
  /** Every app client whose access tokens the API accepts. */
  get acceptedClientIds() {
    return (process.env.ACCEPTED_CLIENT_IDS ?? this.userPoolClientId).split(',').filter(Boolean);
  },
  /** Only set locally: the Cognito emulator's URL. */
  get cognitoEndpoint() {
    return process.env.COGNITO_ENDPOINT;
  },
  get tokenIssuer() {
    return process.env.TOKEN_ISSUER ?? `https://cognito-idp.${this.region}.amazonaws.com/${this.userPoolId}`;
  },
  /** In AWS: the Secrets Manager secret that holds the cursor signing key. */
  get cursorSecretArn() {
    return optional('CURSOR_SECRET_ARN');
  },
  /** Locally: the cursor signing key itself. */
  get cursorSecret() {
    return required('CURSOR_SECRET');
  },
  /** Notifications (functions/notifications): where the local SMS sender writes; unset in AWS. */
  get smsOutboxFile() {
    return optional('SMS_OUTBOX_FILE');
  },
  /** Africa's Talking from the environment (local stack): both set selects the real sender ("sandbox" for the sandbox). */
  get atUsername() {
    return optional('AT_USERNAME');
  },
  get atApiKey() {
    return optional('AT_API_KEY');
  },
  get atSenderId() {
    return optional('AT_SENDER_ID');
  },
  /** In AWS: the Secrets Manager secret holding {username, apiKey, senderId?, callbackSecret?}. */
  get atSecretArn() {
    return optional('AT_SECRET_ARN');
  },
  /** The SMS dead-letter queue: an SQS queue URL in AWS, else a JSON-lines file (default: next to the outbox). */
  get smsDlqUrl() {
    return optional('SMS_DLQ_URL');
  },
  get smsDlqFile() {
    return optional('SMS_DLQ_FILE');
  },
  /** The shared secret Africa's Talking sends back on delivery reports (`?token=`). */
  get smsCallbackSecret() {
    return optional('SMS_CALLBACK_SECRET');
  },
  /** How long one provider call may take; past it the call is aborted and its outcome is unknown (uncertain). */
  get smsTimeoutMs() {
    return positiveInteger('SMS_TIMEOUT_MS', 5000);
  },
  /** Send attempts per (order, state) before the message goes to the SMS dead-letter queue (paced: functions/notifications/pacing.ts). */
  get smsMaxAttempts() {
    return positiveInteger('SMS_MAX_ATTEMPTS', 10);
  },
};
