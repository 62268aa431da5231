import type { ResolvedResource } from '../assembly/resolved-resource.js';
import { ApiGatewayConfigError } from './api-gateway-error.js';
import { copyDictionary, inputDictionary } from './input-dictionary.js';
import {
  isRecord,
  numberOf,
  optionalString,
  requiredString,
  stringList,
  stringMap,
} from './template-values.js';

/**
 * How a response is written, as integration responses and gateway responses both say it: headers mapped from
 * request values (`ResponseParameters`) and a body template per content type (`ResponseTemplates`).
 */
export interface ResponseMapping {
  responseParameters: Record<string, string>;
  responseTemplates: Record<string, string>;
}

function parseResponseMapping(raw: Record<string, unknown>): ResponseMapping {
  return {
    responseParameters: stringMap(raw.ResponseParameters),
    responseTemplates: stringMap(raw.ResponseTemplates),
  };
}

/** One `IntegrationResponses` entry of a method's integration (used by `MOCK` integrations). */
export interface IntegrationResponseModel extends ResponseMapping {
  statusCode: string;
  selectionPattern: string | undefined;
}

/** A method's `Integration`, with the parts the gateway acts on. */
export interface IntegrationModel {
  type: string;
  uri: string | undefined;
  timeoutInMillis: number;
  requestTemplates: Record<string, string>;
  integrationResponses: IntegrationResponseModel[];
}

/** An `AWS::ApiGateway::Method`. */
export interface MethodModel {
  logicalId: string;
  httpMethod: string;
  authorizationType: string;
  authorizerId: string | undefined;
  authorizationScopes: string[];
  apiKeyRequired: boolean;
  integration: IntegrationModel | undefined;
}

/** One node of a REST API's resource tree (`AWS::ApiGateway::Resource`, or the root). */
export interface ResourceNode {
  id: string;
  /** Full resource path as API Gateway writes it in `resource`: `/notes/{noteId}`. */
  path: string;
  literalChildren: Map<string, ResourceNode>;
  /** The `{name}` child, if any (API Gateway allows one per level). */
  paramChild: { name: string; node: ResourceNode } | undefined;
  /** The `{name+}` child, if any. */
  greedyChild: { name: string; node: ResourceNode } | undefined;
  methods: Map<string, MethodModel>;
}

/** An `AWS::ApiGateway::Authorizer`. */
export interface AuthorizerModel {
  id: string;
  name: string;
  type: string;
  providerArns: string[];
  identitySource: string;
  ttlSeconds: number;
  identityValidationExpression: string | undefined;
}

/** One stage `MethodSettings` entry that sets throttling. */
export interface ThrottleSetting {
  /** `*` or a resource path such as `/notes/{noteId}`. */
  resourcePath: string;
  /** `*` or an HTTP method. */
  httpMethod: string;
  rateLimit: number | undefined;
  burstLimit: number | undefined;
}

/** A stage (`AWS::ApiGateway::Stage`, or a `StageName` on a `Deployment`). */
export interface StageModel {
  name: string;
  deploymentId: string;
  variables: Record<string, string>;
  throttling: ThrottleSetting[];
}

/** An `AWS::ApiGateway::GatewayResponse`. */
export interface GatewayResponseModel extends ResponseMapping {
  responseType: string;
  statusCode: number | undefined;
}

/** Everything about one REST API the request path needs. */
export interface RestApiModel {
  id: string;
  name: string;
  root: ResourceNode;
  authorizers: Map<string, AuthorizerModel>;
  stages: Map<string, StageModel>;
  gatewayResponses: Map<string, GatewayResponseModel>;
  binaryMediaTypes: string[];
}

/** CDK and the console both default an authorizer's result cache to 300 s. */
const DEFAULT_AUTHORIZER_TTL_SECONDS = 300;
/** API Gateway's default (and, without a quota raise, maximum) integration timeout. */
const DEFAULT_INTEGRATION_TIMEOUT_MS = 29_000;

function parseIntegration(res: ResolvedResource): IntegrationModel | undefined {
  const raw = res.properties.Integration;
  if (!isRecord(raw)) return undefined;
  const responses = Array.isArray(raw.IntegrationResponses) ? raw.IntegrationResponses : [];
  return {
    type: typeof raw.Type === 'string' ? raw.Type : 'MOCK',
    uri: typeof raw.Uri === 'string' ? raw.Uri : undefined,
    timeoutInMillis: numberOf(raw.TimeoutInMillis) ?? DEFAULT_INTEGRATION_TIMEOUT_MS,
    requestTemplates: stringMap(raw.RequestTemplates),
    integrationResponses: responses.filter(isRecord).map((r) => ({
      statusCode: String(r.StatusCode ?? '200'),
      selectionPattern: typeof r.SelectionPattern === 'string' ? r.SelectionPattern : undefined,
      ...parseResponseMapping(r),
    })),
  };
}

function parseMethod(res: ResolvedResource): MethodModel {
  return {
    logicalId: res.logicalId,
    httpMethod: requiredString(res, 'HttpMethod').toUpperCase(),
    authorizationType: (optionalString(res, 'AuthorizationType') ?? 'NONE').toUpperCase(),
    authorizerId: optionalString(res, 'AuthorizerId'),
    authorizationScopes: stringList(res.properties.AuthorizationScopes),
    apiKeyRequired: res.properties.ApiKeyRequired === true || res.properties.ApiKeyRequired === 'true',
    integration: parseIntegration(res),
  };
}

/** `MethodSettings.ResourcePath` escapes `/` as `~1` after a leading `/`: `/~1notes~1{noteId}`. */
function decodeSettingsPath(p: string): string {
  if (p === '/*' || p === '*') return '*';
  const decoded = p.replace(/^\//, '').replace(/~1/g, '/');
  return decoded === '' ? '/' : decoded;
}

function parseThrottling(settings: unknown): ThrottleSetting[] {
  if (!Array.isArray(settings)) return [];
  const out: ThrottleSetting[] = [];
  for (const s of settings) {
    if (!isRecord(s)) continue;
    const rateLimit = numberOf(s.ThrottlingRateLimit);
    const burstLimit = numberOf(s.ThrottlingBurstLimit);
    if (rateLimit === undefined && burstLimit === undefined) continue;
    out.push({
      resourcePath: decodeSettingsPath(typeof s.ResourcePath === 'string' ? s.ResourcePath : '/*'),
      httpMethod: typeof s.HttpMethod === 'string' ? s.HttpMethod.toUpperCase() : '*',
      rateLimit,
      burstLimit,
    });
  }
  return out;
}

function newNode(id: string, path: string): ResourceNode {
  return {
    id,
    path,
    literalChildren: new Map(),
    paramChild: undefined,
    greedyChild: undefined,
    methods: new Map(),
  };
}

/**
 * Builds the model of every REST API in `resources` (types other than `AWS::ApiGateway::*` are ignored;
 * what is skipped is added to `warnings`).
 * Throws {@link ApiGatewayConfigError} naming the resource when the set is inconsistent (a resource whose
 * parent is missing, two `{param}` siblings, …).
 */
export function buildRestApiModels(
  resources: ResolvedResource[],
  warnings: string[] = [],
): Map<string, RestApiModel> {
  const byType = (t: string) => resources.filter((r) => r.type === `AWS::ApiGateway::${t}`);
  const apis = new Map<string, RestApiModel>();
  const nodes = new Map<string, { api: RestApiModel; node: ResourceNode }>();

  for (const res of byType('RestApi')) {
    if (res.properties.Body !== undefined || res.properties.BodyS3Location !== undefined) {
      warnings.push(
        `AWS::ApiGateway::RestApi ${res.logicalId}: APIs defined by an OpenAPI Body are not emulated`,
      );
      continue;
    }
    const rootId = res.attributes.RootResourceId ?? `${res.physicalId}-root`;
    const api: RestApiModel = {
      id: res.physicalId,
      name: optionalString(res, 'Name') ?? res.logicalId,
      root: newNode(rootId, '/'),
      authorizers: new Map(),
      stages: new Map(),
      gatewayResponses: new Map(),
      // CloudFormation takes `image/png`; the API's patch operations escape `/` as `~1`: accept both.
      binaryMediaTypes: stringList(res.properties.BinaryMediaTypes).map((t) => t.replace(/~1/g, '/')),
    };
    apis.set(api.id, api);
    nodes.set(rootId, { api, node: api.root });
  }
  const apiOf = (res: ResolvedResource): RestApiModel => {
    const id = requiredString(res, 'RestApiId');
    const api = apis.get(id);
    if (!api)
      throw new ApiGatewayConfigError(`${res.type} ${res.logicalId}: RestApiId ${id} is not a RestApi`);
    return api;
  };

  // Resources may be listed before their parents: attach them once their parent exists.
  let pending = byType('Resource');
  while (pending.length > 0) {
    const next: ResolvedResource[] = [];
    for (const res of pending) {
      const api = apiOf(res);
      const parentId = requiredString(res, 'ParentId');
      const parent = nodes.get(parentId);
      if (!parent) {
        next.push(res);
        continue;
      }
      const part = requiredString(res, 'PathPart');
      const path = parent.node.path === '/' ? `/${part}` : `${parent.node.path}/${part}`;
      const node = newNode(res.physicalId, path);
      const greedy = /^\{(.+)\+\}$/.exec(part);
      const param = /^\{(.+)\}$/.exec(part);
      if (greedy?.[1]) {
        if (parent.node.greedyChild)
          throw new ApiGatewayConfigError(`Resource ${res.logicalId}: duplicate ${path}`);
        parent.node.greedyChild = { name: greedy[1], node };
      } else if (param?.[1]) {
        if (parent.node.paramChild) {
          throw new ApiGatewayConfigError(
            `Resource ${res.logicalId}: ${path} conflicts with ${parent.node.paramChild.node.path} (one {param} per level)`,
          );
        }
        parent.node.paramChild = { name: param[1], node };
      } else {
        if (parent.node.literalChildren.has(part)) {
          throw new ApiGatewayConfigError(`Resource ${res.logicalId}: duplicate ${path}`);
        }
        parent.node.literalChildren.set(part, node);
      }
      nodes.set(res.physicalId, { api, node });
    }
    if (next.length === pending.length) {
      const res = next[0]!;
      throw new ApiGatewayConfigError(
        `AWS::ApiGateway::Resource ${res.logicalId}: ParentId ${String(res.properties.ParentId)} is neither a Resource nor the RestApi's root`,
      );
    }
    pending = next;
  }

  for (const res of byType('Method')) {
    const api = apiOf(res);
    const resourceId = requiredString(res, 'ResourceId');
    const target = nodes.get(resourceId);
    if (!target || target.api !== api) {
      throw new ApiGatewayConfigError(
        `AWS::ApiGateway::Method ${res.logicalId}: ResourceId ${resourceId} is unknown`,
      );
    }
    const method = parseMethod(res);
    target.node.methods.set(method.httpMethod, method);
  }

  for (const res of byType('Authorizer')) {
    const api = apiOf(res);
    api.authorizers.set(res.physicalId, {
      id: res.physicalId,
      name: optionalString(res, 'Name') ?? res.logicalId,
      type: requiredString(res, 'Type').toUpperCase(),
      providerArns: stringList(res.properties.ProviderARNs),
      identitySource: optionalString(res, 'IdentitySource') ?? 'method.request.header.Authorization',
      ttlSeconds: numberOf(res.properties.AuthorizerResultTtlInSeconds) ?? DEFAULT_AUTHORIZER_TTL_SECONDS,
      identityValidationExpression: optionalString(res, 'IdentityValidationExpression'),
    });
  }

  for (const res of byType('Deployment')) {
    const stageName = optionalString(res, 'StageName');
    if (stageName === undefined) continue;
    const api = apiOf(res);
    const desc = isRecord(res.properties.StageDescription) ? res.properties.StageDescription : {};
    api.stages.set(stageName, {
      name: stageName,
      deploymentId: res.physicalId,
      variables: stringMap(desc.Variables),
      throttling: [
        ...parseThrottling(desc.MethodSettings),
        ...parseThrottling([
          { ThrottlingRateLimit: desc.ThrottlingRateLimit, ThrottlingBurstLimit: desc.ThrottlingBurstLimit },
        ]),
      ],
    });
  }
  for (const res of byType('Stage')) {
    const api = apiOf(res);
    const name = requiredString(res, 'StageName');
    api.stages.set(name, {
      name,
      deploymentId: optionalString(res, 'DeploymentId') ?? '',
      variables: stringMap(res.properties.Variables),
      throttling: parseThrottling(res.properties.MethodSettings),
    });
  }

  for (const res of byType('GatewayResponse')) {
    const api = apiOf(res);
    const responseType = requiredString(res, 'ResponseType').toUpperCase();
    api.gatewayResponses.set(responseType, {
      responseType,
      statusCode: numberOf(res.properties.StatusCode),
      ...parseResponseMapping(res.properties),
    });
  }
  return apis;
}

/** A resource matched by a request path, with its path parameters. */
export interface RouteMatch {
  node: ResourceNode;
  /** Null-prototype: a value looked up by a template's name never finds `Object.prototype`'s members. */
  pathParameters: Record<string, string>;
}

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Finds the resource for a path (segments after the stage), as API Gateway does: a literal segment wins over
 * `{param}`, which wins over a greedy `{proxy+}` (one or more remaining segments). When a more specific branch
 * has no resource for the rest of the path, the next kind is tried.
 */
export function matchResource(root: ResourceNode, segments: string[]): RouteMatch | undefined {
  const walk = (node: ResourceNode, i: number, params: Record<string, string>): RouteMatch | undefined => {
    if (i === segments.length) return { node, pathParameters: params };
    const seg = segments[i]!;
    const literal = node.literalChildren.get(seg);
    if (literal) {
      const m = walk(literal, i + 1, params);
      if (m) return m;
    }
    if (node.paramChild) {
      const { name, node: child } = node.paramChild;
      const withParam = copyDictionary(params);
      withParam[name] = decodeSegment(seg);
      const m = walk(child, i + 1, withParam);
      if (m) return m;
    }
    if (node.greedyChild) {
      const { name, node: child } = node.greedyChild;
      const withRest = copyDictionary(params);
      withRest[name] = segments.slice(i).map(decodeSegment).join('/');
      return { node: child, pathParameters: withRest };
    }
    return undefined;
  };
  return walk(root, 0, inputDictionary());
}

/** The method for an HTTP verb on a resource: the exact verb, else `ANY`. */
export function findMethod(node: ResourceNode, httpMethod: string): MethodModel | undefined {
  return node.methods.get(httpMethod) ?? node.methods.get('ANY');
}
