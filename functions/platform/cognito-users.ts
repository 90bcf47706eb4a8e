import { AdminDeleteUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { cognito } from './cognito';
import { config } from './config';

/** Deletes the user (by its sub); false when there is none (deleted already). */
export async function deleteCognitoUser(sub: string): Promise<boolean> {
  try {
    await cognito.send(new AdminDeleteUserCommand({ UserPoolId: config.userPoolId, Username: sub }));
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'UserNotFoundException') return false;
    throw error;
  }
}
