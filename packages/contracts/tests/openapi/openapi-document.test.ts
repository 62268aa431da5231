import { describe, expect, it } from 'vitest';
import { API_AUTHORIZATION_SCOPES, apiContract, isProtected, listRoutes } from '../../src/index.js';
import { buildOpenApiDocument, COGNITO_SECURITY_SCHEME } from '../../src/openapi.js';

type Operation = {
  operationId: string;
  security: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
  parameters?: { name: string; in: string; required: boolean }[];
  requestBody?: unknown;
};

const document = buildOpenApiDocument(apiContract, { title: 'Gatehouse API', version: '1.2.3' }) as {
  openapi: string;
  info: { version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, { type: string; scheme: string }> };
};

const operation = (method: string, path: string): Operation => {
  const found = document.paths[path]?.[method.toLowerCase()];
  if (!found) throw new Error(`no operation ${method} ${path}`);
  return found;
};

describe('buildOpenApiDocument', () => {
  it('is an OpenAPI 3.1 document with a bearer security scheme', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.version).toBe('1.2.3');
    expect(document.components.securitySchemes[COGNITO_SECURITY_SCHEME]).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
  });

  it.each(listRoutes(apiContract).map(({ name, route }) => [name, route] as const))(
    'documents %s with its security requirement and every response',
    (name, route) => {
      const op = operation(route.method, route.path);
      expect(op.operationId).toBe(name);
      expect(op.security).toEqual(
        isProtected(route) ? [{ [COGNITO_SECURITY_SCHEME]: [...API_AUTHORIZATION_SCOPES] }] : [],
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
