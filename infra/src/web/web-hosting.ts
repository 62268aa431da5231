import { Duration, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  type IBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';

/** What the web app reads from `/config.json` at run time: the stack's outputs, so one build serves every stage. */
export interface WebRuntimeConfig {
  readonly apiUrl: string;
  readonly userPoolId: string;
  readonly clientId: string;
  readonly region: string;
  /** The user pool domain's base URL, where the app sends people to sign in on the managed login page. */
  readonly domainUrl?: string;
}

export interface WebHostingProps {
  /** The web app's build folder (`apps/web/dist`), uploaded as it is. */
  readonly distDir: string;
  /** What happens to the deployment function's log group with the stack. */
  readonly removalPolicy: RemovalPolicy;
  readonly logRetention: RetentionDays;
}

/**
 * `Bucket` as `IBucket`: CDK declares `Bucket.isWebsite` optional but `IBucket.isWebsite` required, which only
 * `exactOptionalPropertyTypes` notices.
 */
const siteBucket = (bucket: Bucket): IBucket => bucket as unknown as IBucket;

/** Where the app may connect and what it may load; Cognito and the API are called from the page. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self' https://*.amazonaws.com https://*.amazoncognito.com",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

/**
 * The notes web app on AWS: its build in a private S3 bucket, served only through CloudFront (origin access
 * control), HTTPS only, with security headers, and every unknown path answered with `index.html` so the app's
 * own routes work on reload. {@link WebHosting.deploySite} uploads the build and writes `config.json` from the
 * stack's values; it is a separate step because those values (the API URL) need the distribution's URL first.
 */
export class WebHosting extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** Set by {@link WebHosting.deploySite}. */
  deployment: BucketDeployment | undefined;
  /** `https://<distribution domain>`, the site's origin (no trailing slash). */
  readonly origin: string;
  /** The site's URL, ending in `/`. */
  readonly url: string;

  private readonly props: WebHostingProps;

  constructor(scope: Construct, id: string, props: WebHostingProps) {
    super(scope, id);
    this.props = props;
    this.bucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // The site is rebuilt from the repository at every deployment, so nothing in it needs keeping; emptying
      // the bucket on deletion would take another custom resource, which the local stack could not run either.
      removalPolicy: props.removalPolicy,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'The bucket holds only the public build of the web app; CloudFront is its only reader.',
    });

    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Gatehouse web app: security headers on every answer.',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: CONTENT_SECURITY_POLICY, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          preload: false,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
      },
    });

    const origin = S3BucketOrigin.withOriginAccessControl(siteBucket(this.bucket));
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Gatehouse web app',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin,
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        responseHeadersPolicy: headers,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        compress: true,
      },
      additionalBehaviors: {
        // Read at every start of the app: a new deployment's values must apply at once.
        '/config.json': {
          origin,
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          responseHeadersPolicy: headers,
          cachePolicy: CachePolicy.CACHING_DISABLED,
        },
      },
      // The app routes in the browser (/notes/…); S3 answers 403 for keys that do not exist (no ListBucket).
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 200,
        responsePagePath: '/index.html',
        ttl: Duration.seconds(0),
      })),
    });
    Validations.of(this.distribution).acknowledge(
      { id: 'AwsSolutions-CFR1', reason: 'The notes app is for users anywhere; no country is excluded.' },
      {
        id: 'AwsSolutions-CFR2',
        reason: 'Static files only; the API behind API Gateway is throttled per stage.',
      },
      { id: 'AwsSolutions-CFR3', reason: 'Static files only; API requests are logged by API Gateway.' },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The default *.cloudfront.net certificate cannot set a minimum TLS version; a custom domain with its own certificate can.',
      },
    );

    this.origin = `https://${this.distribution.distributionDomainName}`;
    this.url = `${this.origin}/`;
  }

  /** Uploads the build and `config.json` (from `config`) and invalidates the pages that change. Once. */
  deploySite(config: WebRuntimeConfig): BucketDeployment {
    if (this.deployment) throw new Error('WebHosting.deploySite may be called once');
    const props = this.props;
    const logGroup = new LogGroup(this, 'DeploymentLogs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    this.deployment = new BucketDeployment(this, 'Deployment', {
      sources: [Source.asset(props.distDir), Source.jsonData('config.json', { ...config })],
      destinationBucket: siteBucket(this.bucket),
      distribution: this.distribution,
      // Hashed assets never change; the entry page and config.json do.
      distributionPaths: ['/index.html', '/config.json'],
      logGroup,
      memoryLimit: 256,
    });
    // CDK creates the deployment function once per stack (a singleton beside this construct, not inside it).
    const siteArn = `<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnBucket)}.Arn>`;
    const wildcards: [string, string][] = [
      ['Action::s3:GetBucket*', 'reads the asset bucket'],
      ['Action::s3:GetObject*', 'reads the uploaded build'],
      ['Action::s3:List*', 'lists the asset and site buckets to sync them'],
      ['Action::s3:Abort*', 'aborts its own failed multipart uploads'],
      ['Action::s3:DeleteObject*', 'removes files the new build no longer has (prune)'],
      [
        'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*',
        'reads any object of the CDK asset bucket, where the build is uploaded under its hash',
      ],
      [`Resource::${siteArn}/*`, 'writes every object of the site bucket, and only that bucket'],
      ['Resource::*', 'creates CloudFront invalidations, which IAM cannot scope to one distribution here'],
    ];
    // CDK creates the deployment function once per stack (a singleton beside this construct, not inside it).
    Validations.of(this.deployment.handlerRole.node.scope as Construct).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: "CDK's BucketDeployment function writes its logs with AWSLambdaBasicExecutionRole.",
      },
      ...wildcards.map(([finding, why]) => ({
        id: `AwsSolutions-IAM5[${finding}]`,
        reason: `CDK's BucketDeployment function ${why}.`,
      })),
      { id: 'AwsSolutions-L1', reason: "The runtime of CDK's BucketDeployment function is chosen by CDK." },
    );
    return this.deployment;
  }
}
