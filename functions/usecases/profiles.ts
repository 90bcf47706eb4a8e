import { notFound } from '../core/errors';
import type { Caller } from '../core/roles';
import { getCustomer, type CustomerProfile } from '../data/customers';
import { getEmployee } from '../data/employees';

/** A customer profile, visible to employees and to that customer only (anyone else: 404). */
export async function customerVisibleTo(caller: Caller, customerId: string): Promise<CustomerProfile> {
  const customer = caller.role === 'employee' || caller.id === customerId ? await getCustomer(customerId) : null;
  if (!customer) throw notFound('customer');
  return customer;
}

export async function describeMe(caller: Caller) {
  if (caller.role === 'customer') return { ...(await customerVisibleTo(caller, caller.id)), role: caller.role };
  const employee = await getEmployee(caller.id);
  if (!employee) throw notFound('employee profile');
  return { ...employee, role: caller.role };
}
