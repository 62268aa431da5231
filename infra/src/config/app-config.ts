import { z } from 'zod';
import { InfraConfigError } from '../errors/infra-error.js';

/** The deployment stages the app knows. `prod` keeps data (retention, deletion protection); `dev` is disposable. */
export const Stages = ['dev', 'prod'] as const;
export type Stage = (typeof Stages)[number];

/** Log levels understood by the api's logger (Powertools). */
export const LogLevels = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT', 'CRITICAL'] as const;
export type LogLevel = (typeof LogLevels)[number];

/** The CDK context keys the app reads (`cdk synth -c stage=prod -c corsAllowedOrigins=https://app.example.com`). */
export const AppContextKeys = {
  stage: 'stage',
  apiStageName: 'apiStageName',
  corsAllowedOrigins: 'corsAllowedOrigins',
  logLevel: 'logLevel',
  authDomainPrefix: 'authDomainPrefix',
  oauthCallbackUrls: 'oauthCallbackUrls',
  oauthLogoutUrls: 'oauthLogoutUrls',
  emailOtpSignIn: 'emailOtpSignIn',
  sesFromEmail: 'sesFromEmail',
  sesRegion: 'sesRegion',
} as const;

/** Where the `dev` stage's managed login sends the browser back: the web app's dev server. */
export const DEV_WEB_APP_URL = 'http://localhost:5173/';

/** `*`, or an origin exactly as browsers send it (`https://app.example.com`): what the api accepts too. */
const OriginSchema = z.string().refine((value) => {
  if (value === '*') return true;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}, 'must be * or an http(s) origin such as https://app.example.com (lower-case host, optional port, no path)');

/** A comma-separated list from the command line, or a JSON array from cdk.json. */
const OriginListSchema = z
  .union([z.string(), z.array(z.string())])
  .transform((value) =>
    (typeof value === 'string' ? value.split(',') : value).map((v) => v.trim()).filter((v) => v.length > 0),
  )
  .pipe(z.array(OriginSchema).min(1, 'must name at least one origin'))
  .refine((origins) => !(origins.includes('*') && origins.length > 1), 'cannot mix * with named origins');

/**
 * A Cognito prefix domain (`<prefix>.auth.<region>.amazoncognito.com`): lower-case letters, digits and
 * hyphens, not at either end, at most 63 characters, and without the words Cognito reserves.
 */
const DomainPrefixSchema = z
  .string()
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
    'must be 1 to 63 lower-case letters, digits or hyphens, not starting or ending with a hyphen',
  )
  .refine(
    (prefix) => !/aws|amazon|cognito/.test(prefix),
    'must not contain aws, amazon or cognito (Cognito reserves them)',
  );

/**
 * A redirect URL Cognito accepts for a web app: HTTPS, or plain HTTP to localhost only, with no fragment.
 * (Cognito also allows custom schemes for native apps; this app has none.)
 */
const RedirectUrlSchema = z.string().refine((value) => {
  try {
    const url = new URL(value);
    if (url.hash !== '' || value.includes('#')) return false;
    return url.protocol === 'https:' || (url.protocol === 'http:' && url.hostname === 'localhost');
  } catch {
    return false;
  }
}, 'must be an https:// URL, or http://localhost, without a fragment');

/** Redirect URLs as a comma-separated list from the command line, or a JSON array from cdk.json. */
const RedirectUrlListSchema = z
  .union([z.string(), z.array(z.string())])
  .transform((value) =>
    (typeof value === 'string' ? value.split(',') : value).map((v) => v.trim()).filter((v) => v.length > 0),
  )
  .pipe(z.array(RedirectUrlSchema).min(1, 'must name at least one URL'));

const AppContextSchema = z
  .object({
    stage: z.enum(Stages).default('dev'),
    apiStageName: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,128}$/, 'must be 1 to 128 letters, digits, - or _ (an API Gateway stage name)')
      .optional(),
    corsAllowedOrigins: OriginListSchema.optional(),
    logLevel: z.enum(LogLevels).optional(),
    authDomainPrefix: DomainPrefixSchema.optional(),
    oauthCallbackUrls: RedirectUrlListSchema.optional(),
    oauthLogoutUrls: RedirectUrlListSchema.optional(),
    // `-c emailOtpSignIn=false` arrives as a string, cdk.json as a boolean.
    emailOtpSignIn: z
      .union([z.boolean(), z.enum(['true', 'false'])])
      .transform((value) => value === true || value === 'true')
      .optional(),
    sesFromEmail: z.email('must be an email address verified in Amazon SES').optional(),
    // The stack is environment-agnostic, so CDK cannot default SES's region to the stack's.
    sesRegion: z
      .string()
      .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'must be an AWS region such as us-east-1')
      .optional(),
  })
  .refine((context) => (context.sesFromEmail === undefined) === (context.sesRegion === undefined), {
    message: 'sesFromEmail and sesRegion go together: name both or neither',
    path: ['sesRegion'],
  });

/** The app's validated configuration: everything that differs between deployments. */
export interface AppConfig {
  readonly stage: Stage;
  /** API Gateway stage name, the last segment of the API URL. Defaults to the stage. */
  readonly apiStageName: string;
  /**
   * Origins allowed to call the API from a browser; `['*']` allows any. Absent (production without
   * `corsAllowedOrigins`): only the stack's own web app, at its CloudFront URL.
   */
  readonly corsAllowedOrigins: readonly string[] | undefined;
  readonly logLevel: LogLevel;
  /** The user pool domain's prefix: `https://<prefix>.auth.<region>.amazoncognito.com`. Unique per region on AWS. */
  readonly authDomainPrefix: string;
  /**
   * Where managed login may send the browser back after sign-in (`redirect_uri`). Absent (production without
   * `oauthCallbackUrls`): the stack's own web app, at its CloudFront URL.
   */
  readonly oauthCallbackUrls: readonly string[] | undefined;
  /** Where `/logout` may send the browser (`logout_uri`). Absent: as the callback URLs. */
  readonly oauthLogoutUrls: readonly string[] | undefined;
  /**
   * Whether people may sign in with a one-time code sent by email (`USER_AUTH` with `EMAIL_OTP`). On AWS that
   * needs the Essentials or Plus feature plan and the pool's email sent through Amazon SES (`sesFromEmail`,
   * `sesRegion`). On for `dev` (the local stack sends no email, it keeps codes in its outbox), off for `prod`
   * unless asked for.
   */
  readonly emailOtpSignIn: boolean;
  /** Amazon SES's sending identity; the pool then sends its email through SES instead of Cognito's own account. */
  readonly ses: { readonly fromEmail: string; readonly region: string } | undefined;
}

/**
 * Reads the app's configuration from CDK context values (strings from `-c key=value`, or JSON from
 * cdk.json). The development stage defaults to any origin, because it is used from localhost on ever-changing
 * ports (the web dev server's http://localhost:5173 among them); production defaults to its own web app's
 * origin only, so that opening the API to other sites is a deliberate choice. Managed login follows the same
 * rule: the development stage sends the browser back to the web dev server, production to its own web app.
 *
 * @throws InfraConfigError naming each bad or missing value.
 */
export function parseAppConfig(context: Readonly<Record<string, unknown>>): AppConfig {
  const parsed = AppContextSchema.safeParse(context);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'context'} ${issue.message}`,
    );
    throw new InfraConfigError(`Invalid CDK context: ${problems.join('; ')}`);
  }
  const { stage, apiStageName, corsAllowedOrigins, logLevel, authDomainPrefix, sesFromEmail, sesRegion } =
    parsed.data;
  const production = stage === 'prod';
  const oauthCallbackUrls = parsed.data.oauthCallbackUrls ?? (production ? undefined : [DEV_WEB_APP_URL]);
  return {
    stage,
    apiStageName: apiStageName ?? stage,
    corsAllowedOrigins: corsAllowedOrigins ?? (production ? undefined : ['*']),
    logLevel: logLevel ?? (production ? 'INFO' : 'DEBUG'),
    authDomainPrefix: authDomainPrefix ?? `gatehouse-${stage}`,
    oauthCallbackUrls,
    oauthLogoutUrls: parsed.data.oauthLogoutUrls ?? oauthCallbackUrls,
    emailOtpSignIn: parsed.data.emailOtpSignIn ?? !production,
    ses: sesFromEmail && sesRegion ? { fromEmail: sesFromEmail, region: sesRegion } : undefined,
  };
}

/** The CloudFormation stack name of a stage: `Gatehouse-dev`, `Gatehouse-prod`. */
export function gatehouseStackName(stage: Stage): string {
  return `Gatehouse-${stage}`;
}
