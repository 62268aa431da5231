import * as z from 'zod';
import { API_AUTHORIZATION_SCOPES } from '../auth/token-claims.js';
import { type ContractDefinition, isProtected, listRoutes, type RouteDefinition } from '../http/route.js';

/** The security scheme name used in the document. */
export const COGNITO_SECURITY_SCHEME = 'CognitoUserPool';

type JsonObject = Record<string, unknown>;

export interface OpenApiInfo {
  title: string;
  version: string;
  description?: string;
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
    security: isProtected(route) ? [{ [COGNITO_SECURITY_SCHEME]: [...API_AUTHORIZATION_SCOPES] }] : [],
    responses,
  };
  if (route.access.kind === 'groups') operation['x-cognito-groups'] = [...route.access.groups];
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

/** Builds the OpenAPI 3.1 document for a contract: every route, its security requirement and every response. */
export function buildOpenApiDocument(contract: ContractDefinition, info: OpenApiInfo): JsonObject {
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
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'A Cognito user pool access token, sent as `Authorization: Bearer <token>`. API Gateway verifies it and requires the listed scopes.',
        },
      },
    },
  };
}
