import { describe, expect, it } from 'vitest';
import { parseConsoleConfig } from '../../web/src/config-shape';

const valid = {
  apiUrl: 'https://api.example.com/',
  clientId: 'abc',
  issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_x',
  authorizationEndpoint: 'https://shop.auth.eu-west-1.amazoncognito.com/oauth2/authorize',
  tokenEndpoint: 'https://shop.auth.eu-west-1.amazoncognito.com/oauth2/token',
  logoutEndpoint: 'https://shop.auth.eu-west-1.amazoncognito.com/logout',
};

describe('the console runtime config', () => {
  it('takes a complete config and drops the API URL trailing slash', () => {
    expect(parseConsoleConfig(valid)).toEqual({ ...valid, apiUrl: 'https://api.example.com' });
  });

  it('takes a null logout endpoint (the local emulator has none)', () => {
    expect(parseConsoleConfig({ ...valid, logoutEndpoint: null })).toMatchObject({ logoutEndpoint: null });
  });

  it.each([
    [null, 'not a JSON object'],
    [{ ...valid, apiUrl: 'ftp://x' }, 'apiUrl must be an http(s) URL'],
    [{ ...valid, tokenEndpoint: undefined }, 'tokenEndpoint must be an http(s) URL'],
    [{ ...valid, clientId: '' }, 'clientId is missing'],
    [{ ...valid, logoutEndpoint: 'nope' }, 'logoutEndpoint must be a URL or null'],
  ])('says what is wrong with %j', (config, message) => {
    expect(parseConsoleConfig(config)).toContain(message);
  });
});
