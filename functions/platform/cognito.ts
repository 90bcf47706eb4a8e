import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { config } from './config';
import { traceClient } from './tracer';

const endpoint = config.cognitoEndpoint;

export const cognito = traceClient(
  new CognitoIdentityProviderClient({
    region: config.region,
    ...(endpoint && { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  }),
);

export const CUSTOMERS_GROUP = 'customers';
export const EMPLOYEES_GROUP = 'employees';
