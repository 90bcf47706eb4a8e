import { shop } from './service';

export interface EmployeeProfile {
  id: string;
  email: string;
  name: string;
}

/** Employees are created by operators (ops create-employee); the profile answers GET /v1/me. */
export async function saveEmployee(employee: EmployeeProfile): Promise<void> {
  await shop.entities.employee
    .put({ ...employee, email: employee.email.toLowerCase(), createdAt: new Date().toISOString() })
    .go();
}

export async function getEmployee(id: string): Promise<EmployeeProfile | null> {
  const { data } = await shop.entities.employee.get({ id }).go();
  return data ? { id: data.id, email: data.email, name: data.name } : null;
}
