import { DEMO_EMPLOYEE } from './seed';

export interface BannerInput {
  url: string;
  consoleUrl: string;
  dataDir: string;
  seeded: { employee: boolean; inventory: boolean };
  /** False when DynamoDB Local runs under eatmydata (lib/local/dynamodb-local.ts). */
  diskSyncs?: boolean;
}

export function banner({ url, consoleUrl, dataDir, seeded, diskSyncs = true }: BannerInput): string {
  const lines = [
    '',
    'Beverage shop order service: local stack running',
    '',
    `  API            ${url}/v1   (try ${url}/v1/health)`,
    `  Docs           ${url}/docs`,
    `  Console        ${consoleUrl}   (employees sign in on the emulator's hosted login)`,
    `  SMS outbox     ${url}/_local/sms-outbox`,
    `  Demo employee  ${DEMO_EMPLOYEE.email} / ${DEMO_EMPLOYEE.password}${seeded.employee ? '' : '   (not created: see the log above)'}`,
    ...(seeded.inventory ? [] : ['  Demo drinks    not created yet (the inventory endpoints did not answer); retried on the next start']),
    `  Data           ${dataDir}   (npm run reset wipes it)`,
    ...(diskSyncs ? [] : ['                 written without disk syncs (eatmydata): LOCAL_DYNAMODB_FSYNC=true keeps them']),
    '',
    'Sign in: POST /v1/auth/token {"email","password"}. Ctrl-C stops everything.',
    '',
  ];
  return lines.join('\n');
}
