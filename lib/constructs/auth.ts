import { Duration } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolClient,
  FeaturePlan,
  Mfa,
  OAuthScope,
  UserPool,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  UserPoolDomain,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import type { StageSettings } from '../stage';
import { ServiceFunction } from './service-function';

/** The groups the API's roles come from (functions/core/roles.ts reads the same names from the token). */
export const GROUPS = { customers: 'customers', employees: 'employees' } as const;

export interface AuthProps {
  readonly settings: StageSettings;
  readonly table: ITable;
  readonly domainPrefix: string;
  readonly webCallbackUrls: string[];
  readonly webLogoutUrls: string[];
}

/**
 * The user pool: email sign-in, the contract's password policy, the groups, the hosted-login
 * domain, a public mobile client (the API's token endpoints use it), an employee web client
 * (hosted login, authorization code + PKCE) and the post-confirmation trigger that makes every
 * confirmed sign-up a customer with a profile.
 */
export class Auth extends Construct {
  readonly userPool: UserPool;
  readonly mobileClient: UserPoolClient;
  readonly webClient: UserPoolClient;
  readonly domain: UserPoolDomain;
  readonly postConfirmation: ServiceFunction;

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);
    const { settings } = props;

    // The pool references the trigger, so the trigger must not reference the pool: its
    // environment carries no pool id (the event has it) and its pool permission comes below.
    this.postConfirmation = new ServiceFunction(this, 'PostConfirmation', {
      handler: 'triggers/post-confirmation',
      description: 'Cognito post-confirmation: group customers and a customer profile',
      // Cognito waits 5 seconds for a trigger; a longer timeout could never be used.
      memorySize: 512,
      timeout: Duration.seconds(5),
      invokedBy: 'cognito',
      settings,
      environment: { TABLE_NAME: props.table.tableName },
    });
    this.postConfirmation.grantTable(props.table, 'read-write');

    this.userPool = new UserPool(this, 'UserPool', {
      featurePlan: FeaturePlan.ESSENTIALS,
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: true, mutable: true },
        phoneNumber: { required: true, mutable: true },
        address: { required: false, mutable: true },
      },
      passwordPolicy: {
        minLength: 8,
        requireUppercase: true,
        requireLowercase: true,
        requireDigits: true,
        requireSymbols: false,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      mfa: Mfa.OFF,
      deletionProtection: settings.deletionProtection,
      removalPolicy: settings.removalPolicy,
      lambdaTriggers: { postConfirmation: this.postConfirmation.fn },
    });
    // A separate policy, attached to the trigger's role after the pool exists, may name the pool's
    // ARN: nothing the pool depends on (the function, its default policy) depends on this policy.
    this.postConfirmation.role.attachInlinePolicy(
      new Policy(this, 'PostConfirmationGroupPolicy', {
        statements: [new PolicyStatement({ actions: ['cognito-idp:AdminAddUserToGroup'], resources: [this.userPool.userPoolArn] })],
      }),
    );

    new UserPoolGroup(this, 'EmployeesGroup', {
      userPool: this.userPool,
      groupName: GROUPS.employees,
      description: 'Shop employees: created by operators (npm run ops -- create-employee), never by sign-up',
      precedence: 0,
    });
    new UserPoolGroup(this, 'CustomersGroup', {
      userPool: this.userPool,
      groupName: GROUPS.customers,
      description: 'Customers: every confirmed sign-up (post-confirmation trigger)',
      precedence: 10,
    });

    this.domain = this.userPool.addDomain('HostedLogin', { cognitoDomain: { domainPrefix: props.domainPrefix } });

    const tokenValidity = {
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      enableTokenRevocation: true,
      preventUserExistenceErrors: true,
    };

    // Public client of the mobile apps and of the API's own /v1/auth endpoints: no secret (an app
    // cannot keep one), password sign-in through the API plus refresh, no hosted login.
    this.mobileClient = this.userPool.addClient('MobileClient', {
      generateSecret: false,
      authFlows: { userPassword: true },
      disableOAuth: true,
      ...tokenValidity,
    });

    // Employee web client: hosted login with the authorization code grant (the SPA sends a PKCE
    // challenge; without a secret, the code is useless to anyone who lacks the verifier).
    this.webClient = this.userPool.addClient('EmployeeWebClient', {
      generateSecret: false,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: props.webCallbackUrls,
        logoutUrls: props.webLogoutUrls,
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      ...tokenValidity,
    });
    // Sign-in happens on the hosted login page only: the client itself allows just the refresh flow
    // (the L2 adds Cognito's defaults, SRP and custom auth, when no flow is named).
    (this.webClient.node.defaultChild as CfnUserPoolClient).explicitAuthFlows = ['ALLOW_REFRESH_TOKEN_AUTH'];

    NagSuppressions.addResourceSuppressions(this.userPool, [
      {
        id: 'AwsSolutions-COG1',
        reason: 'The password policy is fixed by the API contract (section 3): 8+ characters with upper case, lower case and a digit; symbols are not required.',
      },
      {
        id: 'AwsSolutions-COG2',
        reason: 'The contract signs users in with email and password through POST /v1/auth/token, which returns tokens and supports no MFA challenge.',
      },
      {
        id: 'AwsSolutions-COG3',
        reason: 'Threat protection (advanced security, ENFORCED) needs the Cognito Plus feature plan; the shop runs on Essentials until its risk justifies the cost.',
      },
    ]);
  }
}
