import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { config } from './config';
import { traceClient } from './tracer';

let provider: SecretsProvider | undefined;

/** Powertools' secrets cache over a traced Secrets Manager client: reads appear in the trace. */
export function secrets(): SecretsProvider {
  provider ??= new SecretsProvider({ awsSdkV3Client: traceClient(new SecretsManagerClient({ region: config.region })) });
  return provider;
}
