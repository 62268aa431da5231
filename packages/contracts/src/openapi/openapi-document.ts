import * as z from 'zod';
import {
  COGNITO_USER_ADMIN_SCOPE,
  OidcScopes,
  RESOURCE_SERVER_IDENTIFIER,
  ResourceServerScopes,
  SERVICE_CLIENT_SCOPES,
  USER_CLIENT_SCOPES,
} from '../auth/oauth-scopes.js';
import { type ContractDefinition, listRoutes, type RouteDefinition } from '../http/route.js';
import { accessScopes } from '../http/route-access.js';

/** The security scheme name used in the document: the user pool as an OAuth 2.0 authorization server. */
export const COGNITO_SECURITY_SCHEME = 'CognitoUserPool';

/** Stands in for a deployment's `UserPoolDomainUrl` when the document is built without one. */
export const EXAMPLE_AUTH_DOMAIN_URL = 'https://your-prefix.auth.us-east-1.amazoncognito.com';

type JsonObject = Record<string, unknown>;

export interface OpenApiInfo {
  title: string;
  version: string;
  description?: string;
}

export interface OpenApiOptions {
  /** The user pool domain whose `/oauth2/authorize` and `/oauth2/token` the flows name. Default: an example domain. */
  readonly authDomainUrl?: string;
}

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonObject;
  return rest;
}

function parametersOf(route: RouteDefinition): JsonObject[] {
  const out: JsonObject[] = [];
  const add = (where: 'path' | 'query' | 'header', object: z.ZodObject | undefined) => {
    if (!object) return;
    const json = schemaOf(object, 'input') as { properties?: JsonObject; required?: string[] };
    for (const [name, schema] of Object.entries(json.properties ?? {})) {
      out.push({
        name,
        in: where,
        required: where === 'path' || (json.required ?? []).includes(name),
        schema,
      });
    }
  };
  add('path', route.params);
  add('query', route.query);
  add('header', route.headers);
  return out;
}

function operationOf(route: RouteDefinition): JsonObject {
  const responses: JsonObject = {};
  for (const [status, schema] of Object.entries(route.responses)) {
    const description = status === String(route.successStatus) ? 'Success' : `Error ${status}`;
    responses[status] =
      schema === null
        ? { description }
        : { description, content: { 'application/json': { schema: schemaOf(schema, 'output') } } };
  }
  const operation: JsonObject = {
    operationId: route.name,
    summary: route.summary,
    tags: [route.name.split('.')[0]],
    // Security requirements are alternatives, while the scopes inside one requirement are all required:
    // the gateway admits any one of the route's scopes, so each scope is a requirement of its own.
    security: accessScopes(route.access).map((scope) => ({ [COGNITO_SECURITY_SCHEME]: [scope] })),
    responses,
  };
  if (route.access.kind === 'protected') operation['x-gatehouse-access'] = accessExtension(route);
  const parameters = parametersOf(route);
  if (parameters.length > 0) operation.parameters = parameters;
  if (route.body) {
    operation.requestBody = {
      required: true,
      content: { 'application/json': { schema: schemaOf(route.body, 'input') } },
    };
  }
  return operation;
}

/** Who the route serves, which OpenAPI cannot say itself: principal kinds with their scopes and groups. */
function accessExtension(route: RouteDefinition): JsonObject {
  const access = route.access;
  if (access.kind !== 'protected') return {};
  const extension: JsonObject = {};
  if (access.users) {
    extension.users = {
      scopes: [...access.users.scopes],
      ...(access.users.groups ? { groups: [...access.users.groups] } : {}),
    };
  }
  if (access.services) extension.services = { scopes: [...access.services.scopes] };
  return extension;
}

/** Every scope a client can be granted, with what it allows, as the OAuth flows list them. */
function scopeDescriptions(): Record<string, string> {
  const descriptions: Record<string, string> = {
    [OidcScopes.openid]: 'OpenID Connect: an ID token, and the userInfo endpoint.',
    [OidcScopes.email]: "The user's email address in the ID token and from userInfo.",
    [OidcScopes.profile]: "The user's profile attributes in the ID token and from userInfo.",
    [COGNITO_USER_ADMIN_SCOPE]:
      "Cognito's own user scope: the user's account operations and every user route.",
  };
  for (const scope of Object.values(ResourceServerScopes)) {
    descriptions[`${RESOURCE_SERVER_IDENTIFIER}/${scope.name}`] = scope.description;
  }
  return descriptions;
}

function pick(all: Record<string, string>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, all[name] ?? name]));
}

/** Builds the OpenAPI 3.1 document for a contract: every route, its security requirement and every response. */
export function buildOpenApiDocument(
  contract: ContractDefinition,
  info: OpenApiInfo,
  options: OpenApiOptions = {},
): JsonObject {
  const domain = (options.authDomainUrl ?? EXAMPLE_AUTH_DOMAIN_URL).replace(/\/+$/, '');
  const scopes = scopeDescriptions();
  const paths: Record<string, JsonObject> = {};
  for (const { route } of listRoutes(contract)) {
    paths[route.path] ??= {};
    (paths[route.path] as JsonObject)[route.method.toLowerCase()] = operationOf(route);
  }
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      securitySchemes: {
        [COGNITO_SECURITY_SCHEME]: {
          type: 'oauth2',
          description: [
            'A Cognito user pool access token, sent as `Authorization: Bearer <token>`. API Gateway verifies it and',
            "admits it when it carries any one of the operation's scopes; the API then checks the kind of caller",
            '(`x-gatehouse-access`: users, services, and the groups users need).',
            'Users sign in through the SDK (their token carries `aws.cognito.signin.user.admin`) or through the',
            'managed login page with the authorization code grant, which requires PKCE (`S256`).',
            'Services use the client credentials grant with a confidential app client.',
            `The URLs name an example domain: use your stack's \`UserPoolDomainUrl\` output.`,
          ].join(' '),
          flows: {
            authorizationCode: {
              authorizationUrl: `${domain}/oauth2/authorize`,
              tokenUrl: `${domain}/oauth2/token`,
              refreshUrl: `${domain}/oauth2/token`,
              scopes: pick(scopes, USER_CLIENT_SCOPES),
            },
            clientCredentials: {
              tokenUrl: `${domain}/oauth2/token`,
              scopes: pick(scopes, SERVICE_CLIENT_SCOPES),
            },
          },
        },
      },
    },
  };
}
