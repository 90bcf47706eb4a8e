/** Every setting comes from the environment: CDK sets it in AWS, the local stack and the tests set it on one machine. */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
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
  /** Only set on one machine: DynamoDB Local's URL. */
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
  /** Only set on one machine: the Cognito emulator's URL. */
  get cognitoEndpoint() {
    return process.env.COGNITO_ENDPOINT;
  },
  get tokenIssuer() {
    return process.env.TOKEN_ISSUER ?? `https://cognito-idp.${this.region}.amazonaws.com/${this.userPoolId}`;
  },
  get cursorSecret() {
    return required('CURSOR_SECRET');
  },
};
