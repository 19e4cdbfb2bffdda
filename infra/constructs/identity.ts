import { Aws, Duration, Fn, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  ClientAttributes,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StringAttribute,
  UserPool,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  UserPoolDomain,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ADDIN_FILES, joinUrl } from '../../contract/addin';
import { ADMIN_GROUP, CLAIMS } from '../../contract/auth';
import { WEB_FILES } from '../../contract/web';

export interface IdentityProps {
  readonly stage: string;
  readonly production: boolean;
  /** The add-in's origin (https://…): the dialog's sign-in callback and sign-out pages live there. */
  readonly addinBaseUrl: string;
  /** Hosted-UI domain prefix; default `nianbao-<stage>-<account id>`. */
  readonly domainPrefix?: string;
}

/** A user-pool attribute's name as declared (the token's claim without the `custom:` prefix). */
export function customAttributeName(claim: string): string {
  if (!claim.startsWith('custom:')) throw new Error(`${claim} is not a custom attribute claim`);
  return claim.slice('custom:'.length);
}

/** The OAuth scopes the add-in asks for: an ID token with the agency claims, nothing that can change the account. */
export const SIGN_IN_SCOPES = [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE];

/**
 * Agency accounts: a Cognito user pool whose users carry their agency as attributes (custom:agency, the slug the
 * store keys on; custom:agency_name, the official name) and an admins group; the hosted sign-in pages; one public
 * app client for the add-in's dialog (authorization code + PKCE, no secret: the add-in runs in the user's Office).
 */
export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly domain: UserPoolDomain;
  /** https://<prefix>.auth.<region>.amazoncognito.com */
  readonly signInOrigin: string;
  readonly callbackUrl: string;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);

    this.userPool = new UserPool(this, 'UserPool', {
      // Administrators create the accounts (npm run admin -- add-user); nobody signs up on their own.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: {
        // Mutable so an administrator can move an account to another agency; the app client cannot write them.
        [customAttributeName(CLAIMS.agency)]: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
        [customAttributeName(CLAIMS.agencyName)]: new StringAttribute({ minLen: 1, maxLen: 128, mutable: true }),
        // Reviewers: the government whose office reviews (the registry says which agencies report to it).
        [customAttributeName(CLAIMS.office)]: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(7),
      },
      // The hosted pages walk a user through registering an authenticator app at first sign-in.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      userVerification: {
        emailSubject: '年报通验证码 / Your Nianbao verification code',
        emailBody: '您的年报通验证码：{####} / Your Nianbao verification code: {####}',
      },
      userInvitation: {
        emailSubject: '年报通账号 / Your Nianbao account',
        emailBody:
          '您的年报通账号已开通。用户名：{username}，临时密码：{####}。请在 Excel 的年报通加载项中登录并修改密码。<br>' +
          'Your Nianbao account is ready. User name: {username}, temporary password: {####}. ' +
          'Sign in from the Nianbao add-in in Excel and choose a new password.',
      },
      deletionProtection: props.production,
      removalPolicy: props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    new UserPoolGroup(this, 'Admins', {
      userPool: this.userPool,
      groupName: ADMIN_GROUP,
      description: '可发布、撤回年报的管理员 / administrators who publish and withdraw reports',
    });

    this.callbackUrl = joinUrl(props.addinBaseUrl, ADDIN_FILES.signInCallback);
    this.client = this.userPool.addClient('AddinClient', {
      generateSecret: false,
      // Password sign-in on the managed login pages (SRP: the password never travels) and token refresh.
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: SIGN_IN_SCOPES,
        // The add-in's dialog, and the web pages (upload, review desk), which come back to their own callback page.
        callbackUrls: [this.callbackUrl, joinUrl(props.addinBaseUrl, WEB_FILES.callback)],
        logoutUrls: [joinUrl(props.addinBaseUrl, ADDIN_FILES.signIn)],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      // Users may edit nothing about themselves through this client: the agency attributes decide what they can
      // read and write, so only administrators change them (AdminUpdateUserAttributes).
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });

    const domainPrefix = props.domainPrefix ?? Fn.join('-', ['nianbao', props.stage, Aws.ACCOUNT_ID]);
    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix },
      // Managed login renders in Chinese (lang=zh-CN) and handles first sign-in: new password, authenticator setup.
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    // Managed login shows a page only for a client with a style; Cognito's own look is enough.
    new CfnManagedLoginBranding(this, 'Branding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    this.signInOrigin = this.domain.baseUrl();
  }
}
