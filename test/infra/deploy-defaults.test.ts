import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import cdkJson from '../../cdk.json';
import { readDeploymentConfig } from '../../lib/stage';

/** The deployment config as `cdk synth` reads it: cdk.json's context, then `-c key=value`. */
const configWith = (context: Record<string, unknown>) => readDeploymentConfig(new App({ context: { ...cdkJson.context, ...context } }));

describe('deploy defaults', () => {
  it('builds stage=prod from the defaults: the console\'s own CloudFront URLs, nothing on localhost', () => {
    const prod = configWith({ stage: 'prod' });
    expect(prod.employeeWebOrigin).toBeUndefined();
    expect([...prod.webCallbackUrls, ...prod.webLogoutUrls]).toEqual([]);
  });

  it('refuses stage=prod with a plain-http origin or a localhost callback', () => {
    expect(() => configWith({ stage: 'prod', employeeWebOrigin: 'http://shop-admin.example.com' })).toThrow(/https/);
    expect(() =>
      configWith({ stage: 'prod', employeeWebOrigin: 'https://shop-admin.example.com', webCallbackUrls: 'http://localhost:5173/callback' }),
    ).toThrow(/localhost:5173\/callback/);
  });

  it('builds prod from a public https origin and callback', () => {
    const prod = configWith({ stage: 'prod', employeeWebOrigin: 'https://shop-admin.example.com', webCallbackUrls: 'https://shop-admin.example.com/console/' });
    expect(prod.employeeWebOrigin).toBe('https://shop-admin.example.com');
    expect(prod.webCallbackUrls).toEqual(['https://shop-admin.example.com/console/']);
  });
});
