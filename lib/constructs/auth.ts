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
import { USER_POOL } from '../user-pool-definition';
import type { DataAccess } from '../../functions/route-declaration';
import { tableGrantsOf } from './route-access';
import { ServiceFunction } from './service-function';

/** What the trigger does with the table: ensureCustomerProfile (functions/data/customers.ts). */
export const POST_CONFIRMATION_DATA: DataAccess = { reads: ['customer'], writes: ['customer', 'uniqueValue', 'customerSearchEntry'] };

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
    this.postConfirmation = this.createPostConfirmation(props);
    this.userPool = this.createUserPool(props.settings);
    this.grantTriggerGroupAccess();
    this.addGroups();
    this.domain = this.userPool.addDomain('HostedLogin', { cognitoDomain: { domainPrefix: props.domainPrefix } });
    this.mobileClient = this.addMobileClient();
    this.webClient = this.addWebClient(props);
    this.suppressNagFindings();
  }

  /**
   * The pool references the trigger, so the trigger must not reference the pool: its environment
   * carries no pool id (the event has it) and its pool permission comes in grantTriggerGroupAccess.
   */
  private createPostConfirmation(props: AuthProps): ServiceFunction {
    const trigger = new ServiceFunction(this, 'PostConfirmation', {
      handler: 'triggers/post-confirmation',
      description: 'Cognito post-confirmation: group customers and a customer profile',
      // Cognito waits 5 seconds for a trigger; a longer timeout could never be used.
      memorySize: 512,
      timeout: Duration.seconds(5),
      invokedBy: 'cognito',
      settings: props.settings,
      environment: { TABLE_NAME: props.table.tableName },
    });
    trigger.grantTableActions(props.table, tableGrantsOf(POST_CONFIRMATION_DATA));
    return trigger;
  }

  /** The pool of lib/user-pool-definition.ts (the local stack builds its emulator's pool from the same). */
  private createUserPool(settings: StageSettings): UserPool {
    const policy = USER_POOL.passwordPolicy;
    return new UserPool(this, 'UserPool', {
      featurePlan: FeaturePlan.ESSENTIALS,
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      standardAttributes: Object.fromEntries(
        USER_POOL.attributes.map((attribute) => [attribute.cdkName, { required: attribute.required, mutable: attribute.mutable }]),
      ),
      passwordPolicy: {
        minLength: policy.minimumLength,
        requireUppercase: policy.requireUppercase,
        requireLowercase: policy.requireLowercase,
        requireDigits: policy.requireNumbers,
        requireSymbols: policy.requireSymbols,
        tempPasswordValidity: Duration.days(policy.temporaryPasswordValidityDays),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      mfa: Mfa.OFF,
      deletionProtection: settings.deletionProtection,
      removalPolicy: settings.removalPolicy,
      lambdaTriggers: { postConfirmation: this.postConfirmation.fn },
    });
  }

  /**
   * A separate policy, attached to the trigger's role after the pool exists, may name the pool's
   * ARN: nothing the pool depends on (the function, its default policy) depends on this policy.
   */
  private grantTriggerGroupAccess(): void {
    this.postConfirmation.role.attachInlinePolicy(
      new Policy(this, 'PostConfirmationGroupPolicy', {
        statements: [new PolicyStatement({ actions: ['cognito-idp:AdminAddUserToGroup'], resources: [this.userPool.userPoolArn] })],
      }),
    );
  }

  private addGroups(): void {
    for (const group of USER_POOL.groups) {
      new UserPoolGroup(this, GROUP_CONSTRUCT_IDS[group.name], {
        userPool: this.userPool,
        groupName: group.name,
        description: group.description,
        precedence: group.precedence,
      });
    }
  }

  /** Public client of the mobile apps and of the API's own /v1/auth endpoints: no secret (an app cannot keep one), no hosted login. */
  private addMobileClient(): UserPoolClient {
    const client = this.userPool.addClient('MobileClient', { generateSecret: false, disableOAuth: true, ...tokenValidity() });
    setAuthFlows(client, USER_POOL.clients.mobile.explicitAuthFlows);
    return client;
  }

  /**
   * Employee web client: hosted login with the authorization code grant (the SPA sends a PKCE
   * challenge; without a secret, the code is useless to anyone who lacks the verifier). Sign-in
   * happens on the hosted login page only: the client itself allows just the refresh flow.
   */
  private addWebClient(props: AuthProps): UserPoolClient {
    const client = this.userPool.addClient('EmployeeWebClient', {
      generateSecret: false,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: props.webCallbackUrls,
        logoutUrls: props.webLogoutUrls,
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      ...tokenValidity(),
    });
    setAuthFlows(client, USER_POOL.clients.web.explicitAuthFlows);
    return client;
  }

  private suppressNagFindings(): void {
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

/** The groups' construct ids as they were before the definition moved out (renaming them would replace the groups). */
const GROUP_CONSTRUCT_IDS: Record<(typeof USER_POOL.groups)[number]['name'], string> = { employees: 'EmployeesGroup', customers: 'CustomersGroup' };

function tokenValidity() {
  const { accessTokenMinutes, idTokenMinutes, refreshTokenDays } = USER_POOL.tokenValidity;
  return {
    accessTokenValidity: Duration.minutes(accessTokenMinutes),
    idTokenValidity: Duration.minutes(idTokenMinutes),
    refreshTokenValidity: Duration.days(refreshTokenDays),
    enableTokenRevocation: true,
    preventUserExistenceErrors: true,
  };
}

/** The definition's flows exactly (the L2 adds Cognito's defaults, SRP and custom auth, when no flow is named). */
function setAuthFlows(client: UserPoolClient, flows: readonly string[]): void {
  (client.node.defaultChild as CfnUserPoolClient).explicitAuthFlows = [...flows];
}
