import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { CONSOLE_BASE_PATH, type ConsoleConfig } from '../../web/src/config-shape';
import { consoleContentSecurityPolicy } from '../console/security-headers';
import type { StageSettings } from '../stage';

export interface ConsoleProps {
  readonly settings: StageSettings;
  /** The built console (web/dist). */
  readonly assetDir: string;
  /** A custom domain the operator serves the console on (`https://shop-admin.example.com`); default: the distribution's own. */
  readonly customOrigin?: string;
  /** ACM certificate (us-east-1) for the custom domain; without it CloudFront cannot answer on that name. */
  readonly certificateArn?: string;
}

/** `https://host` without a path or a trailing slash. */
const originOf = (url: string) => new URL(url).origin;

/**
 * The employee console in AWS: a private bucket (no public access, TLS only, access logs) behind
 * a CloudFront distribution with origin access control, HTTPS only, security headers with a
 * strict Content-Security-Policy and the single-page fallback to index.html. The files and the
 * runtime config are deployed with the stack (deploy(), once the API and the user pool exist).
 */
export class Console extends Construct {
  readonly bucket: Bucket;
  readonly logBucket: Bucket;
  readonly distribution: Distribution;
  /** Where employees open the console, `https://…/console/`. */
  readonly url: string;
  /** The console's origin: the API's only CORS origin and the home of the client's callback URLs. */
  readonly origin: string;
  private readonly props: ConsoleProps;

  constructor(scope: Construct, id: string, props: ConsoleProps) {
    super(scope, id);
    this.props = props;
    const { settings } = props;

    this.logBucket = this.accessLogBucket();
    this.bucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3/',
      removalPolicy: settings.removalPolicy,
    });

    const domainName = props.customOrigin ? new URL(props.customOrigin).hostname : undefined;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Beverage shop employee console (${settings.stage})`,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.securityHeaders(),
        compress: true,
      },
      // The bucket answers 403 for a key it does not have (no ListBucket): every page path of the app gets index.html.
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 200,
        responsePagePath: `${CONSOLE_BASE_PATH}index.html`,
        ttl: Duration.seconds(0),
      })),
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      ...(domainName &&
        props.certificateArn && {
          domainNames: [domainName],
          certificate: Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn),
          minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
        }),
    });
    this.origin = props.customOrigin ? originOf(props.customOrigin) : `https://${this.distribution.distributionDomainName}`;
    this.url = `${this.origin}${CONSOLE_BASE_PATH}`;
    this.suppressDistributionFindings();
  }

  /** Access logs of the bucket and of the distribution: kept 90 days, and kept after a teardown. */
  private accessLogBucket(): Bucket {
    const logBucket = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront's standard logging writes with ACLs.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    NagSuppressions.addResourceSuppressions(logBucket, [
      { id: 'AwsSolutions-S1', reason: 'This is the access-log bucket itself: logging it into itself would loop.' },
    ]);
    return logBucket;
  }

  private suppressDistributionFindings(): void {
    NagSuppressions.addResourceSuppressions(this.distribution, [
      { id: 'AwsSolutions-CFR1', reason: 'The shop has no country to block: employees may work from anywhere, and sign-in is required for any data.' },
      {
        id: 'AwsSolutions-CFR2',
        reason: 'Static files only (no forms, no server code); the data sits behind the API, which is throttled and requires Cognito tokens. A WAF web ACL would cost more than the risk it removes.',
      },
      ...(this.props.certificateArn
        ? []
        : [{ id: 'AwsSolutions-CFR4', reason: "On the distribution's own *.cloudfront.net name CloudFront fixes the viewer TLS policy; with a custom domain and certificate it is TLSv1.2_2021." }]),
    ]);
  }

  /**
   * Strict security headers. The CSP names the API and the hosted login by their AWS domains of
   * this region: naming their ids would make the distribution depend on the API, whose CORS
   * origin already depends on the distribution.
   */
  private securityHeaders(): ResponseHeadersPolicy {
    const contentSecurityPolicy = consoleContentSecurityPolicy([
      `https://*.execute-api.${Aws.REGION}.amazonaws.com`,
      `https://*.auth.${Aws.REGION}.amazoncognito.com`,
    ]);
    return new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Employee console: CSP, HSTS, no framing, no sniffing',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
    });
  }

  /** Deploys the built files and the runtime config (the API, the hosted login, the client), then refreshes the caches. */
  deploy(config: ConsoleConfig): BucketDeployment {
    const deployment = new BucketDeployment(this, 'Files', {
      sources: [Source.asset(this.props.assetDir), Source.jsonData('config.json', config)],
      destinationBucket: this.bucket,
      destinationKeyPrefix: CONSOLE_BASE_PATH.slice(1),
      distribution: this.distribution,
      distributionPaths: [`${CONSOLE_BASE_PATH}*`],
      // Dev stacks take their files with them; prod keeps them with its retained bucket.
      retainOnDelete: this.props.settings.removalPolicy === RemovalPolicy.RETAIN,
      memoryLimit: 512,
    });
    this.suppressDeploymentFindings();
    return deployment;
  }

  /** The copying function is CDK's own singleton (its runtime, role and policy are CDK's, not ours). */
  private suppressDeploymentFindings(): void {
    const stack = Stack.of(this);
    const singleton = stack.node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (!singleton) throw new Error('CDK no longer names its bucket-deployment function Custom::CDKBucketDeployment…: update the suppressions');
    const deploymentOnly = 'CDK\'s BucketDeployment function runs only while CloudFormation deploys the console\'s files';
    NagSuppressions.addResourceSuppressions(
      singleton,
      [
        { id: 'AwsSolutions-L1', reason: `${deploymentOnly}; CDK pins its Python runtime (the AWS CLI it bundles needs that version).` },
        { id: 'Serverless-LambdaLatestVersion', reason: `${deploymentOnly}; CDK pins its runtime.` },
        { id: 'Serverless-LambdaTracing', reason: `${deploymentOnly}; there is no request path to trace.` },
        { id: 'Serverless-LambdaDLQ', reason: `${deploymentOnly}, synchronously as a custom resource: a failure fails the deployment, nothing is queued.` },
        {
          id: 'AwsSolutions-IAM4',
          reason: `${deploymentOnly}; CloudWatch logging through the managed basic execution role.`,
          appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
        },
        {
          id: 'AwsSolutions-IAM5',
          reason: `${deploymentOnly}: CDK grants it read on the asset bucket, write on the console bucket and CloudFront invalidations (which take no resource).`,
          appliesTo: [
            'Action::s3:GetBucket*',
            'Action::s3:GetObject*',
            'Action::s3:List*',
            'Action::s3:Abort*',
            'Action::s3:DeleteObject*',
            'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*',
            `Resource::<${stack.getLogicalId(this.bucket.node.defaultChild as CfnBucket)}.Arn>/*`,
            'Resource::*',
          ],
        },
      ],
      true,
    );
  }
}

/** The config the console reads in AWS: the stack's own values. */
export function awsConsoleConfig(input: { apiUrl: string; clientId: string; userPoolProviderUrl: string; hostedLoginUrl: string }): ConsoleConfig {
  return {
    apiUrl: input.apiUrl,
    clientId: input.clientId,
    issuer: input.userPoolProviderUrl,
    authorizationEndpoint: `${input.hostedLoginUrl}/oauth2/authorize`,
    tokenEndpoint: `${input.hostedLoginUrl}/oauth2/token`,
    logoutEndpoint: `${input.hostedLoginUrl}/logout`,
  };
}
