import {
  accessScopes,
  type ContractDefinition,
  isProtected,
  listRoutes,
  type RouteDefinition,
} from '@org/contracts';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  AuthorizationType,
  CognitoUserPoolsAuthorizer,
  Cors,
  EndpointType,
  IdentitySource,
  type IResource,
  LambdaIntegration,
  LogGroupLogDestination,
  type Method,
  MethodLoggingLevel,
  ResponseType,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** Steady-state requests per second and burst of the whole stage. */
export interface StageThrottling {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

export interface ContractRestApiProps {
  /** The routes to serve: one resource path and method per route, nothing else. */
  readonly contract: ContractDefinition;
  /** The Lambda that serves every route (proxy integration). */
  readonly handler: IFunction;
  /** The pool whose access tokens the protected routes require (users' and services'). */
  readonly userPool: IUserPool;
  /** The stage name: the last segment of the API URL. */
  readonly stageName: string;
  /** `['*']` or explicit origins; the preflight and the gateway's own error responses follow it. */
  readonly corsAllowedOrigins: readonly string[];
  readonly throttling: StageThrottling;
  readonly accessLogRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

/** One method the API serves, by route name, for tests and for wiring. */
export interface ContractMethod {
  readonly name: string;
  readonly route: RouteDefinition;
  readonly method: Method;
}

/**
 * A REST API that serves exactly the contract's routes. API Gateway itself then refuses any other path or
 * method (403 Missing Authentication Token) and any protected route without a valid access token carrying
 * one of the route's scopes (401) before the Lambda runs.
 */
export class ContractRestApi extends Construct {
  readonly api: RestApi;
  readonly authorizer: CognitoUserPoolsAuthorizer;
  readonly methods: readonly ContractMethod[];

  constructor(scope: Construct, id: string, props: ContractRestApiProps) {
    super(scope, id);
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.accessLogRetention,
      removalPolicy: props.removalPolicy,
    });
    this.api = new RestApi(this, 'Api', {
      description: 'Gatehouse REST API, generated from the API contract.',
      endpointTypes: [EndpointType.REGIONAL],
      // Access and execution logging need the account-wide CloudWatch role that API Gateway writes logs with.
      cloudWatchRole: true,
      // The role is an account-wide setting of the region: a dev stack deleted beside a prod one must not take it away.
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName: props.stageName,
        throttlingRateLimit: props.throttling.rateLimit,
        throttlingBurstLimit: props.throttling.burstLimit,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        // Standard fields only: caller IP, request id, route, status. No headers, so no tokens.
        accessLogFormat: AccessLogFormat.jsonWithStandardFields(),
        loggingLevel: MethodLoggingLevel.ERROR,
        // Full request/response logging would write bearer tokens into the logs.
        dataTraceEnabled: false,
      },
    });
    // RestApi adds an "Endpoint" output of its own; the stack's outputs are exactly the contract's names.
    this.api.node.tryRemoveChild('Endpoint');
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG2',
      reason:
        'The Lambda validates every request against the contract schemas and answers 400 naming each invalid field, in the same error envelope as all other errors.',
    });
    Validations.of(this.api.deploymentStage).acknowledge({
      id: 'AwsSolutions-APIG3',
      reason:
        'No WAF web ACL by default: it has a fixed monthly charge; stage throttling bounds abuse. Attach one per deployment if needed.',
    });
    const cloudWatchRole = this.api.node.tryFindChild('CloudWatchRole');
    if (cloudWatchRole) {
      Validations.of(cloudWatchRole).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason:
          'AmazonAPIGatewayPushToCloudWatchLogs is the policy AWS documents for the API Gateway account role.',
      });
    }

    this.authorizer = new CognitoUserPoolsAuthorizer(this, 'Authorizer', {
      cognitoUserPools: [props.userPool],
      identitySource: IdentitySource.header('Authorization'),
    });

    // One integration for every method; the permission is scoped to this API rather than one per method.
    const integration = new LambdaIntegration(props.handler, { scopePermissionToMethod: false });
    const origins = [...props.corsAllowedOrigins];
    const allowHeaders = corsRequestHeaders(props.contract);
    const byPath = new Map<string, RouteDefinition[]>();
    const methods: ContractMethod[] = [];

    for (const { name, route } of listRoutes(props.contract)) {
      const resource = resourceFor(this.api.root, route.path);
      const method = resource.addMethod(
        route.method,
        integration,
        isProtected(route)
          ? {
              authorizationType: AuthorizationType.COGNITO,
              authorizer: this.authorizer,
              // The route's scopes of every principal kind: the authorizer admits an access token carrying any
              // one of them (with scopes it accepts only access tokens; ID tokens carry no scope). The api
              // then checks the principal's kind, that kind's scopes and its groups.
              authorizationScopes: accessScopes(route.access),
            }
          : { authorizationType: AuthorizationType.NONE },
      );
      if (!isProtected(route)) {
        Validations.of(method).acknowledge(
          { id: 'AwsSolutions-APIG4', reason: `${name} is public in the API contract.` },
          { id: 'AwsSolutions-COG4', reason: `${name} is public in the API contract.` },
        );
      }
      methods.push({ name, route, method });
      byPath.set(route.path, [...(byPath.get(route.path) ?? []), route]);
    }

    for (const [path, routes] of byPath) {
      const preflight = resourceFor(this.api.root, path).addCorsPreflight({
        allowOrigins: origins,
        allowMethods: [...routes.map((r) => r.method), 'OPTIONS'],
        allowHeaders,
        maxAge: Duration.hours(1),
      });
      Validations.of(preflight).acknowledge(
        { id: 'AwsSolutions-APIG4', reason: 'CORS preflight: browsers send OPTIONS without credentials.' },
        { id: 'AwsSolutions-COG4', reason: 'CORS preflight: browsers send OPTIONS without credentials.' },
      );
    }

    // The gateway's own errors (401 from the authorizer, 403 unknown route, 429 throttled, 5xx) carry no CORS
    // headers unless added here, and a browser would then report a CORS failure instead of the status.
    // Their bodies are API Gateway's generic messages, so with several origins '*' discloses nothing;
    // a gateway response cannot pick the caller's origin from a list the way the preflight does.
    const errorOrigin = origins.length === 1 ? origins[0] : '*';
    for (const [responseId, type] of [
      ['Default4xx', ResponseType.DEFAULT_4XX],
      ['Default5xx', ResponseType.DEFAULT_5XX],
    ] as const) {
      this.api.addGatewayResponse(responseId, {
        type,
        responseHeaders: { 'Access-Control-Allow-Origin': `'${errorOrigin}'` },
      });
    }
    this.methods = methods;
  }

  /** The stage's invoke URL, ending in `/`. */
  get url(): string {
    return this.api.url;
  }
}

/** The resource for an API-Gateway-style path, creating the missing segments. */
function resourceFor(root: IResource, path: string): IResource {
  let resource = root;
  for (const segment of path.split('/').filter((s) => s.length > 0)) {
    resource = resource.getResource(segment) ?? resource.addResource(segment);
  }
  return resource;
}

/** CORS request headers: the usual ones (including Authorization) plus every header a route reads. */
export function corsRequestHeaders(contract: ContractDefinition): string[] {
  const fromContract = listRoutes(contract).flatMap(({ route }) => Object.keys(route.headers?.shape ?? {}));
  const all = [...Cors.DEFAULT_HEADERS, ...fromContract];
  const seen = new Set<string>();
  return all.filter((header) => {
    const key = header.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
