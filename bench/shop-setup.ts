import type { ApiClient } from './api-client';

export interface Shop {
  employeeToken: string;
  customerTokens: string[];
  drinkIds: string[];
  initialStock: Map<string, number>;
}

const DEMO_EMPLOYEE = { email: 'employee@example.com', password: 'Employee123' };
const STOCK = 1_000_000;

/** The seeded employee, a menu with ample stock, and customers signed in through the API. */
export async function setUpShop(api: ApiClient, customers: number): Promise<Shop> {
  const { body: employee } = await api.expect(200, 'POST /v1/auth/token', '/v1/auth/token', { body: DEMO_EMPLOYEE });
  const employeeToken = employee.accessToken as string;
  const drinkIds: string[] = [];
  const initialStock = new Map<string, number>();
  for (let index = 0; index < 8; index++) {
    const { body: drink } = await api.expect(201, 'POST /v1/inventory', '/v1/inventory', {
      token: employeeToken,
      body: { name: `Bench drink ${index}`, type: 'COFFEE', price: `${index + 1}.${String(index * 7).padStart(2, '0')}` },
    });
    const { body: stocked } = await api.expect(200, 'POST /v1/inventory/{itemId}/adjustments', `/v1/inventory/${drink.id}/adjustments`, {
      token: employeeToken,
      body: { delta: STOCK, reason: 'Bench stock' },
    });
    drinkIds.push(drink.id);
    initialStock.set(drink.id, stocked.onHand);
  }
  const customerTokens: string[] = [];
  const run = Date.now().toString(36);
  for (let index = 0; index < customers; index++) {
    const credentials = { email: `bench-${run}-${index}@example.com`, password: 'BenchPass1' };
    await api.expect(201, 'POST /v1/auth/register', '/v1/auth/register', {
      body: { ...credentials, name: `Bench customer ${index}`, phoneNumber: `+2547000000${String(index).padStart(2, '0')}` },
    });
    const { body: tokens } = await api.expect(200, 'POST /v1/auth/token', '/v1/auth/token', { body: credentials });
    customerTokens.push(tokens.accessToken);
  }
  return { employeeToken, customerTokens, drinkIds, initialStock };
}
