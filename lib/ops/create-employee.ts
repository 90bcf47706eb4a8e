import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { password, phoneNumber } from '../../functions/core/fields';
import { missingRequiredAttributes } from '../user-pool-definition';
import { OpsError, type OpsTarget } from './targets';

export const EMPLOYEES_GROUP = 'employees';

export interface NewEmployee {
  email: string;
  name: string;
  password: string;
  /** E.164; the pool requires it (lib/user-pool-definition.ts). */
  phoneNumber: string;
}

/** The user pool's policy (the API's own rule); checked here too because cognito-local does not enforce it. */
export function passwordProblems(value: string): string[] {
  const result = password.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

function validate(employee: NewEmployee): NewEmployee {
  const email = employee.email.trim().toLowerCase();
  const name = employee.name.trim();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new OpsError(`"${employee.email}" is not an email address.`);
  if (name.length < 1 || name.length > 250) throw new OpsError('The name must be 1 to 250 characters.');
  const problems = passwordProblems(employee.password);
  if (problems.length) throw new OpsError(`The password does not meet the policy: ${problems.join('; ')}.`);
  const phone = phoneNumber.safeParse(employee.phoneNumber);
  if (!phone.success) throw new OpsError(`"${employee.phoneNumber}" is not a phone number: ${phone.error.issues[0]!.message}.`);
  return { email, name, password: employee.password, phoneNumber: phone.data };
}

/** The new user's attributes: every attribute the pool requires, checked here because cognito-local does not. */
export function employeeUserAttributes(employee: NewEmployee) {
  const attributes = [
    { Name: 'email', Value: employee.email },
    { Name: 'email_verified', Value: 'true' },
    { Name: 'name', Value: employee.name },
    { Name: 'phone_number', Value: employee.phoneNumber },
  ];
  const missing = missingRequiredAttributes(attributes);
  if (missing.length) throw new OpsError(`The user pool requires ${missing.join(', ')}.`);
  return attributes;
}

function cognitoFor(target: OpsTarget): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    region: target.region,
    ...(target.cognitoEndpoint && {
      endpoint: target.cognitoEndpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  });
}

/** functions/data reads its table and endpoint from the environment when first imported. */
async function employeeStore(target: OpsTarget) {
  process.env.AWS_REGION = target.region;
  process.env.TABLE_NAME = target.tableName;
  if (target.dynamodbEndpoint) process.env.DYNAMODB_ENDPOINT = target.dynamodbEndpoint;
  else delete process.env.DYNAMODB_ENDPOINT;
  return import('../../functions/data/employees');
}

const errorName = (error: unknown) => (error as { name?: string }).name;

/**
 * Creates a confirmed Cognito user in group `employees` with a permanent password, then the
 * employee profile. If a later step fails, the user is deleted again so the command can be rerun.
 */
export async function createEmployee(target: OpsTarget, input: NewEmployee): Promise<{ id: string; email: string }> {
  const employee = validate(input);
  const cognito = cognitoFor(target);
  const { userPoolId } = target;
  try {
    let id: string | undefined;
    try {
      const { User } = await cognito.send(
        new AdminCreateUserCommand({
          UserPoolId: userPoolId,
          Username: employee.email,
          MessageAction: 'SUPPRESS',
          UserAttributes: employeeUserAttributes(employee),
        }),
      );
      id = User?.Attributes?.find((attribute) => attribute.Name === 'sub')?.Value;
    } catch (error) {
      if (errorName(error) === 'UsernameExistsException') throw new OpsError(`A user with the email ${employee.email} already exists.`);
      throw error;
    }
    if (!id) throw new OpsError('Cognito did not return the new user\'s sub.');
    try {
      await cognito.send(
        new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: employee.email, Password: employee.password, Permanent: true }),
      );
      await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: employee.email, GroupName: EMPLOYEES_GROUP }));
      const { saveEmployee } = await employeeStore(target);
      await saveEmployee({ id, email: employee.email, name: employee.name });
    } catch (error) {
      await cognito.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: employee.email })).catch(() => undefined);
      if (errorName(error) === 'InvalidPasswordException') throw new OpsError(`Cognito refused the password: ${(error as Error).message}`);
      throw error;
    }
    return { id, email: employee.email };
  } finally {
    cognito.destroy();
  }
}
