import { describe, expect, it } from 'vitest';
import { freePort } from '../../lib/local/ports';
import { invoke } from '../fixtures/events';

// Cognito is unreachable: whatever these answer, it was decided before asking it.
process.env.COGNITO_ENDPOINT = `http://127.0.0.1:${await freePort()}`;
const { handler: refresh } = await import('../../functions/http/auth/refresh');

describe('POST /v1/auth/refresh with what cannot be a refresh token', () => {
  it('a blank token is a missing one: 400', async () => {
    const response = await invoke(refresh, 'POST /v1/auth/refresh', { body: { refreshToken: ' ' } });
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatchObject({ code: 'validation_failed', errors: [{ path: 'body.refreshToken', message: 'Required' }] });
  });

  it('a string that is no JWS or JWE is 401 invalid_credentials, without asking Cognito', async () => {
    for (const refreshToken of ['not-a-token', 'a.b', '🙂.x.y', 'a..b.c.d.e.f']) {
      const response = await invoke(refresh, 'POST /v1/auth/refresh', { body: { refreshToken } });
      expect(response.statusCode, refreshToken).toBe(401);
      expect(response.body.code).toBe('invalid_credentials');
    }
  });
});
