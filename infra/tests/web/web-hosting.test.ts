import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnDistribution } from 'aws-cdk-lib/aws-cloudfront';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { WebHosting } from '../../src/web/web-hosting.js';
import { FIXTURE_WEB_DIST } from '../support/synth-stack.js';

describe('WebHosting', () => {
  let stack: Stack;
  let web: WebHosting;
  let template: Template;

  beforeAll(() => {
    stack = new Stack(new App(), 'Web');
    web = new WebHosting(stack, 'Web', {
      distDir: FIXTURE_WEB_DIST,
      removalPolicy: RemovalPolicy.DESTROY,
      logRetention: RetentionDays.ONE_WEEK,
    });
    web.deploySite({
      apiUrl: 'https://api.example.com/prod/',
      userPoolId: 'us-east-1_AbC123xyz',
      clientId: 'client123',
      region: 'us-east-1',
    });
    template = Template.fromStack(stack);
  });

  const bucketId = () => stack.getLogicalId(web.bucket.node.defaultChild as CfnBucket);
  const distributionId = () => stack.getLogicalId(web.distribution.node.defaultChild as CfnDistribution);

  it('keeps the site in a private, encrypted bucket that refuses plain HTTP', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('lets only this distribution read the bucket, through origin access control', () => {
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
      }),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Action: 's3:GetObject',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Condition: {
              StringEquals: {
                'AWS:SourceArn': Match.objectLike({
                  'Fn::Join': Match.arrayWith([Match.arrayWith([{ Ref: distributionId() }])]),
                }),
              },
            },
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Origins: [Match.objectLike({ DomainName: { 'Fn::GetAtt': [bucketId(), 'RegionalDomainName'] } })],
      }),
    });
  });

  it('serves HTTPS only, with security headers, and index.html for the app’s own routes', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'https-only' }),
        CacheBehaviors: [
          Match.objectLike({
            PathPattern: '/config.json',
            ViewerProtocolPolicy: 'https-only',
            // CachingDisabled: a new deployment's configuration applies at once.
            CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
          }),
        ],
        CustomErrorResponses: [
          { ErrorCode: 403, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 },
          { ErrorCode: 404, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 },
        ],
      }),
    });
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: {
          ContentSecurityPolicy: {
            ContentSecurityPolicy: Match.stringLikeRegexp("^default-src 'self';.*frame-ancestors 'none'"),
            Override: true,
          },
          StrictTransportSecurity: Match.objectLike({
            AccessControlMaxAgeSec: 31_536_000,
            IncludeSubdomains: true,
          }),
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
        },
      }),
    });
  });

  it('deploys the build with config.json and invalidates the pages that change', () => {
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: { Ref: bucketId() },
      DistributionId: { Ref: distributionId() },
      DistributionPaths: ['/index.html', '/config.json'],
      Prune: true,
    });
    const deployment = Object.values(template.findResources('Custom::CDKBucketDeployment'))[0] as {
      Properties: { SourceObjectKeys: string[] };
    };
    // The build folder and the generated config.json.
    expect(deployment.Properties.SourceObjectKeys).toHaveLength(2);
  });

  it('passes the cdk-nag AWS Solutions checks with every finding acknowledged', () => {
    const report = new AwsSolutionsChecks().validateScope(stack);
    expect(report.violations.filter((v) => v.severity === 'error')).toEqual([]);
  });

  it('deploys the site once', () => {
    expect(() =>
      web.deploySite({
        apiUrl: 'https://x.example.com/',
        userPoolId: 'us-east-1_A',
        clientId: 'c',
        region: 'us-east-1',
      }),
    ).toThrow('WebHosting.deploySite may be called once');
  });
});
