import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { resourcesOf, synthShop } from './synth';

const dev = synthShop();
const custom = synthShop({
  stage: 'prod',
  context: { employeeWebOrigin: 'https://staff.example.com', consoleCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' },
});

const logicalIdOf = (template: typeof dev.template, type: string, matching: (properties: Record<string, unknown>) => boolean = () => true) => {
  const [id] = Object.entries(resourcesOf(template, type)).find(([, resource]) => matching(resource.Properties ?? {})) ?? [];
  if (!id) throw new Error(`No ${type}`);
  return id;
};

const distributionId = logicalIdOf(dev.template, 'AWS::CloudFront::Distribution');
const siteBucketId = logicalIdOf(dev.template, 'AWS::S3::Bucket', (properties) => properties.LoggingConfiguration !== undefined);
const webClient = (template: typeof dev.template) =>
  Object.values(resourcesOf(template, 'AWS::Cognito::UserPoolClient')).find((client) =>
    JSON.stringify(client.Properties!.CallbackURLs ?? '').includes('/console/callback'),
  );
const distributionOrigin = { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]] };

describe('the employee console in AWS', () => {
  it('keeps its files in a private, TLS-only bucket with access logs', () => {
    dev.template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 's3/' }),
    });
    dev.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: siteBucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          // Only this distribution reads the files (origin access control, no public read).
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
    const policy = JSON.stringify(resourcesOf(dev.template, 'AWS::S3::BucketPolicy'));
    expect(policy).not.toContain('"Principal":"*","Action":"s3:GetObject"');
  });

  it('serves them through CloudFront with origin access control, HTTPS only, logs, and the single-page fallback', () => {
    dev.template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' }),
    });
    dev.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https', AllowedMethods: ['GET', 'HEAD'] }),
        CustomErrorResponses: [
          { ErrorCode: 403, ResponseCode: 200, ResponsePagePath: '/console/index.html', ErrorCachingMinTTL: 0 },
          { ErrorCode: 404, ResponseCode: 200, ResponsePagePath: '/console/index.html', ErrorCachingMinTTL: 0 },
        ],
        Logging: Match.objectLike({ Prefix: 'cloudfront/' }),
      }),
    });
  });

  it('sends security headers with a strict Content-Security-Policy', () => {
    const [policy] = Object.values(resourcesOf(dev.template, 'AWS::CloudFront::ResponseHeadersPolicy'));
    const headers = (policy!.Properties!.ResponseHeadersPolicyConfig as { SecurityHeadersConfig: Record<string, Record<string, unknown>> }).SecurityHeadersConfig;
    const csp = JSON.stringify(headers.ContentSecurityPolicy!.ContentSecurityPolicy);
    for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'"]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*\s|https:\s|http:/);
    expect(headers.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 31536000, Override: true });
    expect(headers.FrameOptions).toMatchObject({ FrameOption: 'DENY' });
    expect(headers.ContentTypeOptions).toMatchObject({ Override: true });
  });

  it('deploys the built files and a config.json written from the stack: API URL, hosted login, web client', () => {
    const [deployment] = Object.values(resourcesOf(dev.template, 'Custom::CDKBucketDeployment'));
    expect(deployment!.Properties).toMatchObject({ DestinationBucketKeyPrefix: 'console/', DistributionPaths: ['/console/*'] });
    expect(deployment!.Properties!.SourceObjectKeys).toHaveLength(2);
    const markers = JSON.stringify(deployment!.Properties!.SourceMarkers);
    const webClientId = Object.entries(resourcesOf(dev.template, 'AWS::Cognito::UserPoolClient')).find(([, client]) => client === webClient(dev.template))![0];
    // config.json's deploy-time values: the API, the web client, the pool's issuer and the hosted-login domain.
    const idOf = (type: string) => Object.keys(resourcesOf(dev.template, type))[0]!;
    expect(markers).toContain(`"Ref":"${idOf('AWS::ApiGatewayV2::Api')}"`);
    expect(markers).toContain(`"Ref":"${webClientId}"`);
    expect(markers).toContain(`{"Fn::GetAtt":["${idOf('AWS::Cognito::UserPool')}","ProviderURL"]}`);
    expect(markers).toContain(`"Ref":"${idOf('AWS::Cognito::UserPoolDomain')}"`);
  });

  it("points the web client's callback and logout URLs and the API's CORS origin at the distribution", () => {
    expect(webClient(dev.template)!.Properties).toMatchObject({
      CallbackURLs: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, '/console/callback']] }],
      LogoutURLs: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, '/console/signed-out']] }],
    });
    dev.template.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.objectLike({ AllowOrigins: [distributionOrigin] }) });
  });

  it('uses a custom domain instead when the operator names one, with its certificate', () => {
    expect(webClient(custom.template)!.Properties).toMatchObject({
      CallbackURLs: ['https://staff.example.com/console/callback'],
      LogoutURLs: ['https://staff.example.com/console/signed-out'],
    });
    custom.template.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://staff.example.com'] }) });
    custom.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['staff.example.com'],
        ViewerCertificate: Match.objectLike({ AcmCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc', MinimumProtocolVersion: 'TLSv1.2_2021' }),
      }),
    });
    custom.template.hasOutput('ConsoleUrl', { Value: 'https://staff.example.com/console/' });
  });

  it('names the console in the ConsoleUrl output', () => {
    dev.template.hasOutput('ConsoleUrl', { Value: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, '/console/']] } });
  });

  it('keeps the prod bucket and its files after a teardown; a dev stack takes them along', () => {
    custom.template.hasResource('AWS::S3::Bucket', { Properties: Match.objectLike({ LoggingConfiguration: Match.anyValue() }), DeletionPolicy: 'Retain' });
    dev.template.hasResource('AWS::S3::Bucket', { Properties: Match.objectLike({ LoggingConfiguration: Match.anyValue() }), DeletionPolicy: 'Delete' });
    const [prodDeployment] = Object.values(resourcesOf(custom.template, 'Custom::CDKBucketDeployment'));
    const [devDeployment] = Object.values(resourcesOf(dev.template, 'Custom::CDKBucketDeployment'));
    expect(prodDeployment!.Properties!.RetainOnDelete).toBe(true);
    expect(devDeployment!.Properties!.RetainOnDelete).toBe(false);
  });
});
