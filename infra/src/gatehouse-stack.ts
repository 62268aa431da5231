import { apiContract, type ContractDefinition, StackOutputNames } from '@org/contracts';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { ContractRestApi, type StageThrottling } from './api/contract-rest-api.js';
import { GatehouseUserPool, type TokenValidity } from './auth/gatehouse-user-pool.js';
import { DEV_WEB_APP_URL, type LogLevel, type Stage } from './config/app-config.js';
import { DataTable } from './data/data-table.js';
import { InfraConfigError } from './errors/infra-error.js';
import type { ApiAssets } from './functions/api-assets.js';
import { AssetFunction } from './functions/asset-function.js';
import { WebHosting } from './web/web-hosting.js';

/** `POWERTOOLS_SERVICE_NAME` of each function, the `service` field of its log lines. */
export const ServiceNames = {
  api: 'gatehouse-api',
  preTokenGeneration: 'gatehouse-pre-token-generation',
} as const;

/** An Amazon SES sending identity: a verified address and the SES region. */
export interface SesIdentity {
  readonly fromEmail: string;
  readonly region: string;
}

/**
 * The sending identity of the `dev` stage when none is configured. Email codes need the pool's email to go
 * through SES, on AWS and on the local stack alike (which checks the setting but sends nothing: its codes go
 * to the outbox). This address exists in no SES account, so a `dev` stack deployed to AWS names a real
 * identity (`sesFromEmail`, `sesRegion`) or turns email codes off (`emailOtpSignIn=false`).
 */
export const LOCAL_SES_IDENTITY: SesIdentity = {
  fromEmail: 'no-reply@gatehouse.localhost',
  region: 'us-east-1',
};

export interface GatehouseStackProps extends StackProps {
  /** `prod` retains the user pool, table and logs and turns on deletion protection; `dev` removes them. */
  readonly stage: Stage;
  /** The api's built bundle folders. */
  readonly assets: ApiAssets;
  /** The web app's build folder (`apps/web/dist`), served by CloudFront. */
  readonly webDistDir: string;
  /**
   * Origins allowed to call the API from a browser; `['*']` allows any. Default: only the web app's own
   * origin, the distribution's URL.
   */
  readonly corsAllowedOrigins?: readonly string[] | undefined;
  /** API Gateway stage name (last segment of the API URL). Default: the stage. */
  readonly apiStageName?: string;
  /** Default DEBUG for dev, INFO for prod. */
  readonly logLevel?: LogLevel;
  /** Default 60 minutes for access and ID tokens, 30 days for refresh tokens. */
  readonly tokenValidity?: TokenValidity;
  /** Default 50 requests/s with bursts of 100 for dev, 100/s and 200 for prod. */
  readonly throttling?: StageThrottling;
  /**
   * Offer sign-in with a one-time code by email (`USER_AUTH` with `EMAIL_OTP`). Default: on for `dev`, off
   * for `prod`. It needs `ses`; `dev` without one uses {@link LOCAL_SES_IDENTITY}, which only the local stack accepts.
   */
  readonly emailOtpSignIn?: boolean;
  /** A sender address verified in Amazon SES and its region, through which the pool sends its email. */
  readonly ses?: SesIdentity | undefined;
  /** The routes to serve. Default: the Gatehouse API contract. */
  readonly contract?: ContractDefinition;
  /** The user pool domain's prefix. Default `gatehouse-<stage>`; a prefix is unique per region on AWS. */
  readonly authDomainPrefix?: string;
  /**
   * Where managed login may send the browser back. Default: `http://localhost:5173/` (the web dev server) for
   * dev, the web app's CloudFront URL for prod.
   */
  readonly oauthCallbackUrls?: readonly string[] | undefined;
  /** Where `/logout` may send the browser. Default: the callback URLs. */
  readonly oauthLogoutUrls?: readonly string[] | undefined;
}

/**
 * The whole Gatehouse deployment: Cognito user pool, its domain and app clients, DynamoDB table, the api Lambda and its
 * pre-token-generation trigger, the REST API generated from the contract, and the web app on CloudFront. Its outputs are exactly the
 * contract's `StackOutputNames`, which the client reads from `cdk deploy --outputs-file`.
 */
export class GatehouseStack extends Stack {
  readonly userPool: GatehouseUserPool;
  readonly table: DataTable;
  readonly apiFunction: AssetFunction;
  readonly preTokenGenerationFunction: AssetFunction;
  readonly restApi: ContractRestApi;
  readonly web: WebHosting;

  constructor(scope: Construct, id: string, props: GatehouseStackProps) {
    super(scope, id, { analyticsReporting: false, ...props });
    const production = props.stage === 'prod';
    const removalPolicy = production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const logRetention = production ? RetentionDays.THREE_MONTHS : RetentionDays.ONE_WEEK;
    const logLevel = props.logLevel ?? (production ? 'INFO' : 'DEBUG');

    this.table = new DataTable(this, 'Data', { removalPolicy, deletionProtection: production });

    this.preTokenGenerationFunction = new AssetFunction(this, 'PreTokenGeneration', {
      assetDir: props.assets.preTokenGeneration,
      description: 'Cognito pre-token-generation trigger: adds display name, role and email claims.',
      environment: {
        STAGE: props.stage,
        LOG_LEVEL: logLevel,
        POWERTOOLS_SERVICE_NAME: ServiceNames.preTokenGeneration,
      },
      // Cognito waits 5 seconds for a trigger, so a longer timeout would never be used.
      timeout: Duration.seconds(5),
      logRetention,
      removalPolicy,
    });

    // The distribution comes first: its URL is one of the API's CORS origins and, by default, where managed
    // login sends the browser back. The site's files and its config.json (which holds the API URL) are
    // deployed once the API exists.
    this.web = new WebHosting(this, 'Web', {
      distDir: props.webDistDir,
      removalPolicy,
      logRetention,
    });

    // Development signs in through the web dev server; production through its own web app.
    const callbackUrls = props.oauthCallbackUrls ?? (production ? [this.web.url] : [DEV_WEB_APP_URL]);
    const emailOtpSignIn = props.emailOtpSignIn ?? !production;
    if (emailOtpSignIn && production && !props.ses) {
      // AWS refuses email codes on a pool whose email does not go through SES; say so before deploying.
      throw new InfraConfigError(
        'emailOtpSignIn needs the pool to send email through Amazon SES: set sesFromEmail and sesRegion',
      );
    }
    this.userPool = new GatehouseUserPool(this, 'Auth', {
      preTokenGeneration: this.preTokenGenerationFunction.function,
      removalPolicy,
      deletionProtection: production,
      ...(props.tokenValidity ? { tokenValidity: props.tokenValidity } : {}),
      domainPrefix: props.authDomainPrefix ?? `gatehouse-${props.stage}`,
      callbackUrls,
      logoutUrls: props.oauthLogoutUrls ?? callbackUrls,
      emailOtpSignIn,
      ses: props.ses ?? (emailOtpSignIn ? LOCAL_SES_IDENTITY : undefined),
    });

    const corsAllowedOrigins = props.corsAllowedOrigins ?? [this.web.origin];

    this.apiFunction = new AssetFunction(this, 'Api', {
      assetDir: props.assets.handler,
      description: 'Gatehouse REST API handler.',
      environment: {
        TABLE_NAME: this.table.table.tableName,
        STAGE: props.stage,
        CORS_ALLOWED_ORIGINS: corsAllowedOrigins.join(','),
        LOG_LEVEL: logLevel,
        POWERTOOLS_SERVICE_NAME: ServiceNames.api,
        // Development checks every response against the contract at run time; production skips the cost.
        ...(production ? {} : { API_DEV_MODE: 'true' }),
      },
      logRetention,
      removalPolicy,
    });
    this.table.table.grantReadWriteData(this.apiFunction.role);

    this.restApi = new ContractRestApi(this, 'Rest', {
      contract: props.contract ?? apiContract,
      handler: this.apiFunction.function,
      userPool: this.userPool.userPool,
      stageName: props.apiStageName ?? props.stage,
      corsAllowedOrigins,
      throttling:
        props.throttling ??
        (production ? { rateLimit: 100, burstLimit: 200 } : { rateLimit: 50, burstLimit: 100 }),
      accessLogRetention: logRetention,
      removalPolicy,
    });

    this.web.deploySite({
      apiUrl: this.restApi.url,
      userPoolId: this.userPool.userPool.userPoolId,
      clientId: this.userPool.client.userPoolClientId,
      region: this.region,
      domainUrl: this.userPool.domain.baseUrl(),
    });

    const outputs: Record<keyof typeof StackOutputNames, { value: string; description: string }> = {
      ApiUrl: { value: this.restApi.url, description: 'Invoke URL of the API stage, ending in /.' },
      UserPoolId: { value: this.userPool.userPool.userPoolId, description: 'Cognito user pool id.' },
      UserPoolClientId: {
        value: this.userPool.client.userPoolClientId,
        description: 'Public app client id the SDK signs in with.',
      },
      Region: { value: this.region, description: 'Region of the user pool and the API.' },
      TableName: { value: this.table.table.tableName, description: 'DynamoDB table of the api.' },
      WebUrl: { value: this.web.url, description: 'URL of the web app (CloudFront), ending in /.' },
      UserPoolDomainUrl: {
        value: this.userPool.domain.baseUrl(),
        description: 'Base URL of the user pool domain: managed login and the OAuth 2.0 endpoints.',
      },
      ServiceClientId: {
        // The secret is never an output: read it with DescribeUserPoolClient.
        value: this.userPool.serviceClient.userPoolClientId,
        description:
          'Confidential app client for services (client credentials grant); its secret is not an output.',
      },
    };
    for (const [name, output] of Object.entries(outputs)) {
      new CfnOutput(this, StackOutputNames[name as keyof typeof StackOutputNames], output);
    }
  }
}
