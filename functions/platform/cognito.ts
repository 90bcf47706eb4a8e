import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { config } from './config';

const endpoint = config.cognitoEndpoint;

export const cognito = new CognitoIdentityProviderClient({
  region: config.region,
  ...(endpoint && { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
});

export const CUSTOMERS_GROUP = 'customers';
export const EMPLOYEES_GROUP = 'employees';
