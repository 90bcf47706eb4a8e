/**
 * The environment the in-process functions read (functions/platform/config.ts). It must be on
 * process.env before the first functions/ module is imported: several read it at import time.
 */
export interface FunctionEnvironmentInput {
  region: string;
  tableName: string;
  idempotencyTableName: string;
  dynamodbEndpoint: string;
  cognitoEndpoint: string;
  userPoolId: string;
  userPoolClientId: string;
  /** The employee console's client: its access tokens are accepted too. */
  webClientId: string;
  cursorSecret: string;
  smsOutboxFile: string;
  smsDlqFile: string;
  logLevel?: string;
}

export function functionEnvironment(input: FunctionEnvironmentInput): Record<string, string> {
  return {
    AWS_REGION: input.region,
    TABLE_NAME: input.tableName,
    IDEMPOTENCY_TABLE_NAME: input.idempotencyTableName,
    DYNAMODB_ENDPOINT: input.dynamodbEndpoint,
    USER_POOL_ID: input.userPoolId,
    USER_POOL_CLIENT_ID: input.userPoolClientId,
    ACCEPTED_CLIENT_IDS: [input.userPoolClientId, input.webClientId].join(','),
    COGNITO_ENDPOINT: input.cognitoEndpoint,
    TOKEN_ISSUER: `${input.cognitoEndpoint}/${input.userPoolId}`,
    CURSOR_SECRET: input.cursorSecret,
    SMS_OUTBOX_FILE: input.smsOutboxFile,
    SMS_DLQ_FILE: input.smsDlqFile,
    POWERTOOLS_SERVICE_NAME: 'orders',
    POWERTOOLS_LOG_LEVEL: input.logLevel ?? process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    POWERTOOLS_DEV: 'true',
    // No X-Ray daemon on one machine: the tracer stays a no-op (it is off outside Lambda anyway).
    POWERTOOLS_TRACE_ENABLED: 'false',
    AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID || 'local',
    AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY || 'local',
  };
}

/** Sets `values` on process.env; returns the function that puts the previous values back. */
export function applyEnvironment(values: Record<string, string>): () => void {
  const previous = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  Object.assign(process.env, values);
  return () => {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}
