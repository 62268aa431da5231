import { describe, expect, it } from 'vitest';
import {
  accessScopes,
  apiContract,
  listRoutes,
  SERVICE_CLIENT_SCOPES,
  USER_CLIENT_SCOPES,
} from '../../src/index.js';
import { buildOpenApiDocument, COGNITO_SECURITY_SCHEME, EXAMPLE_AUTH_DOMAIN_URL } from '../../src/openapi.js';

type Operation = {
  operationId: string;
  security: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
  parameters?: { name: string; in: string; required: boolean }[];
  requestBody?: unknown;
  'x-gatehouse-access'?: unknown;
};

interface OAuthScheme {
  type: string;
  flows: {
    authorizationCode: { authorizationUrl: string; tokenUrl: string; scopes: Record<string, string> };
    clientCredentials: { tokenUrl: string; scopes: Record<string, string> };
  };
}

const document = buildOpenApiDocument(apiContract, { title: 'Gatehouse API', version: '1.2.3' }) as {
  openapi: string;
  info: { version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, OAuthScheme> };
};

const operation = (method: string, path: string): Operation => {
  const found = document.paths[path]?.[method.toLowerCase()];
  if (!found) throw new Error(`no operation ${method} ${path}`);
  return found;
};

describe('buildOpenApiDocument', () => {
  it('is an OpenAPI 3.1 document with an OAuth 2.0 security scheme', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.version).toBe('1.2.3');
    expect(document.components.securitySchemes[COGNITO_SECURITY_SCHEME]?.type).toBe('oauth2');
  });

  it('documents the authorization code flow with the scopes of the public client', () => {
    const flow = document.components.securitySchemes[COGNITO_SECURITY_SCHEME]?.flows.authorizationCode;
    expect(flow?.authorizationUrl).toBe(`${EXAMPLE_AUTH_DOMAIN_URL}/oauth2/authorize`);
    expect(flow?.tokenUrl).toBe(`${EXAMPLE_AUTH_DOMAIN_URL}/oauth2/token`);
    expect(Object.keys(flow?.scopes ?? {})).toEqual([...USER_CLIENT_SCOPES]);
    expect(Object.values(flow?.scopes ?? {}).every((d) => d.length > 10)).toBe(true);
  });

  it('documents the client credentials flow with the scopes of the service client', () => {
    const flow = document.components.securitySchemes[COGNITO_SECURITY_SCHEME]?.flows.clientCredentials;
    expect(flow?.tokenUrl).toBe(`${EXAMPLE_AUTH_DOMAIN_URL}/oauth2/token`);
    expect(Object.keys(flow?.scopes ?? {})).toEqual([...SERVICE_CLIENT_SCOPES]);
  });

  it("names a deployment's domain when given one", () => {
    const own = buildOpenApiDocument(
      apiContract,
      { title: 't', version: '1' },
      { authDomainUrl: 'https://notes.auth.eu-west-1.amazoncognito.com/' },
    ) as unknown as typeof document;
    expect(own.components.securitySchemes[COGNITO_SECURITY_SCHEME]?.flows.clientCredentials.tokenUrl).toBe(
      'https://notes.auth.eu-west-1.amazoncognito.com/oauth2/token',
    );
  });

  it('says which principals the admin statistics serve', () => {
    expect(operation('GET', '/admin/stats')['x-gatehouse-access']).toEqual({
      users: { scopes: ['aws.cognito.signin.user.admin'], groups: ['admin'] },
      services: { scopes: ['gatehouse-api/stats.read'] },
    });
    expect(operation('GET', '/health')).not.toHaveProperty('x-gatehouse-access');
  });

  it.each(listRoutes(apiContract).map(({ name, route }) => [name, route] as const))(
    'documents %s with its security requirement and every response',
    (name, route) => {
      const op = operation(route.method, route.path);
      expect(op.operationId).toBe(name);
      // One requirement per scope: any one of them admits the caller.
      expect(op.security).toEqual(
        accessScopes(route.access).map((s) => ({ [COGNITO_SECURITY_SCHEME]: [s] })),
      );
      expect(Object.keys(op.responses).sort()).toEqual(Object.keys(route.responses).sort());
      for (const [status, schema] of Object.entries(route.responses)) {
        expect(op.responses[status]?.content === undefined).toBe(schema === null);
      }
      expect(op.requestBody !== undefined).toBe(route.body !== undefined);
    },
  );

  it('lists path and query parameters with their requiredness', () => {
    expect(operation('GET', '/notes/{noteId}').parameters).toEqual([
      expect.objectContaining({ name: 'noteId', in: 'path', required: true }),
    ]);
    expect(operation('GET', '/notes').parameters).toEqual([
      expect.objectContaining({ name: 'limit', in: 'query', required: false }),
      expect.objectContaining({ name: 'cursor', in: 'query', required: false }),
    ]);
  });
});
