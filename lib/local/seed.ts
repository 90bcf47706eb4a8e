import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { createEmployee } from '../ops/create-employee';
import { OpsError, type OpsTarget } from '../ops/targets';
import { localCognitoClient } from './cognito-pool';
import type { StackState } from './stack-state';

export const DEMO_EMPLOYEE = { email: 'employee@example.com', password: 'Employee123', name: 'Demo Employee', phoneNumber: '+254700000000' };

interface Drink {
  name: string;
  type: string;
  price: string;
  caffeinated?: boolean;
  flavored?: boolean;
  warnLimit?: number;
  stock: number;
}

/** A menu with every stock state: plenty, few remaining (Lemon Soda) and out of stock (Still Water). */
export const DEMO_DRINKS: Drink[] = [
  { name: 'Espresso', type: 'COFFEE', price: '2.50', caffeinated: true, stock: 40 },
  { name: 'Cappuccino', type: 'COFFEE', price: '3.80', caffeinated: true, stock: 25 },
  { name: 'Green Tea', type: 'TEA', price: '2.20', caffeinated: true, stock: 30 },
  { name: 'Mango Juice', type: 'JUICE', price: '4.10', flavored: true, warnLimit: 5, stock: 12 },
  { name: 'Lemon Soda', type: 'SODA', price: '1.90', flavored: true, stock: 3 },
  { name: 'Still Water', type: 'WATER', price: '1.00', stock: 0 },
];

export interface SeedContext {
  apiUrl: string;
  target: OpsTarget;
  cognitoEndpoint: string;
  state: StackState;
  log: (message: string, error?: unknown) => void;
}

async function seedEmployee(context: SeedContext): Promise<boolean> {
  try {
    await createEmployee(context.target, DEMO_EMPLOYEE);
    return true;
  } catch (error) {
    if (error instanceof OpsError && error.message.includes('already exists')) return true;
    context.log('Seeding: could not create the demo employee', error);
    return false;
  }
}

async function employeeToken(context: SeedContext): Promise<string> {
  const cognito = localCognitoClient(context.cognitoEndpoint);
  try {
    const { AuthenticationResult } = await cognito.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: context.state.userPoolClientId,
        AuthParameters: { USERNAME: DEMO_EMPLOYEE.email, PASSWORD: DEMO_EMPLOYEE.password },
      }),
    );
    return AuthenticationResult!.AccessToken!;
  } finally {
    cognito.destroy();
  }
}

class SeedStepFailed extends Error {}

async function call(context: SeedContext, token: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${context.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new SeedStepFailed(`${method} ${path} answered ${response.status}: ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : undefined;
}

/** Creates the drinks through the HTTP API as the demo employee; names already on the menu are skipped. */
async function seedInventory(context: SeedContext): Promise<boolean> {
  try {
    const token = await employeeToken(context);
    const listed = (await call(context, token, 'GET', '/v1/inventory?limit=100')) as { items?: { name: string }[] };
    const existing = new Set((listed.items ?? []).map((item) => item.name));
    for (const { stock, ...drink } of DEMO_DRINKS) {
      if (existing.has(drink.name)) continue;
      const item = (await call(context, token, 'POST', '/v1/inventory', drink)) as { id: string };
      if (stock > 0) await call(context, token, 'POST', `/v1/inventory/${item.id}/adjustments`, { delta: stock, reason: 'Initial stock' });
    }
    return true;
  } catch (error) {
    if (error instanceof SeedStepFailed) context.log(`Seeding: demo drinks skipped for now (${error.message}); retried on the next start`);
    else context.log('Seeding: demo drinks skipped for now; retried on the next start', error);
    return false;
  }
}

/** Runs the seed steps that have not completed yet; returns the new flags. Never throws. */
export async function seed(context: SeedContext): Promise<StackState['seeded']> {
  const seeded = { ...context.state.seeded };
  if (!seeded.employee) seeded.employee = await seedEmployee(context);
  if (seeded.employee && !seeded.inventory) seeded.inventory = await seedInventory(context);
  return seeded;
}
