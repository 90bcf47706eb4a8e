/*
 * The user pool, once: the CDK stack (lib/constructs/auth.ts) and the local stack's emulator
 * (lib/local/cognito-pool.ts, lib/local/hosted-login.ts) both build their pool and clients from
 * this, so the local pool cannot drift from the deployed one. The deployed pool is the reference:
 * its required attributes cannot change on an existing pool, so phone_number stays required.
 */

/** A standard attribute: its Cognito name, its name in CDK's `standardAttributes`, and whether a user must have it. */
export interface PoolAttribute {
  readonly name: string;
  readonly cdkName: 'email' | 'fullname' | 'phoneNumber' | 'address';
  readonly required: boolean;
  readonly mutable: boolean;
}

export const USER_POOL = {
  /** Users sign in with their email (the username is the email). */
  usernameAttributes: ['email'],
  autoVerifiedAttributes: ['email'],
  attributes: [
    { name: 'email', cdkName: 'email', required: true, mutable: true },
    { name: 'name', cdkName: 'fullname', required: true, mutable: true },
    { name: 'phone_number', cdkName: 'phoneNumber', required: true, mutable: true },
    { name: 'address', cdkName: 'address', required: false, mutable: true },
  ] satisfies readonly PoolAttribute[],
  /** The contract's policy (section 3): 8+ characters with upper case, lower case and a digit. */
  passwordPolicy: {
    minimumLength: 8,
    requireUppercase: true,
    requireLowercase: true,
    requireNumbers: true,
    requireSymbols: false,
    temporaryPasswordValidityDays: 3,
  },
  /** Precedence: the lower wins when a user is in both (employees, as functions/core/roles.ts decides). */
  groups: [
    { name: 'employees', precedence: 0, description: 'Shop employees: created by operators (npm run ops -- create-employee), never by sign-up' },
    { name: 'customers', precedence: 10, description: 'Customers: every confirmed sign-up (post-confirmation trigger)' },
  ],
  tokenValidity: { accessTokenMinutes: 60, idTokenMinutes: 60, refreshTokenDays: 30 },
  clients: {
    /** The mobile apps and the API's own /v1/auth endpoints: no secret, password sign-in and refresh, no hosted login. */
    mobile: { name: 'mobile', explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
    /** The employee console: hosted login with the code flow (PKCE), then refresh only. */
    web: {
      name: 'employee-web',
      explicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      oauthFlows: ['code'],
      oauthScopes: ['openid', 'email', 'profile'],
    },
  },
} as const;

/** The required attributes a new user's attributes lack (Cognito refuses such a user; cognito-local does not check). */
export function missingRequiredAttributes(attributes: readonly { Name?: string; Value?: string }[]): string[] {
  const present = new Set(attributes.filter((attribute) => attribute.Value).map((attribute) => attribute.Name));
  return USER_POOL.attributes.filter((attribute) => attribute.required && !present.has(attribute.name)).map((attribute) => attribute.name);
}

/** The password policy as the Cognito API (and CloudFormation's `Policies.PasswordPolicy`) spells it. */
export function passwordPolicyInput() {
  const policy = USER_POOL.passwordPolicy;
  return {
    MinimumLength: policy.minimumLength,
    RequireUppercase: policy.requireUppercase,
    RequireLowercase: policy.requireLowercase,
    RequireNumbers: policy.requireNumbers,
    RequireSymbols: policy.requireSymbols,
    TemporaryPasswordValidityDays: policy.temporaryPasswordValidityDays,
  };
}

/** The token lifetimes of every client, as the Cognito API takes them. */
export function clientTokenValidity() {
  const { accessTokenMinutes, idTokenMinutes, refreshTokenDays } = USER_POOL.tokenValidity;
  return {
    AccessTokenValidity: accessTokenMinutes,
    IdTokenValidity: idTokenMinutes,
    RefreshTokenValidity: refreshTokenDays,
    TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
    PreventUserExistenceErrors: 'ENABLED',
    EnableTokenRevocation: true,
  } as const;
}
