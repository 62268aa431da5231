import { describe, expect, it } from 'vitest';
import { ApiGatewayConfigError } from '../../src/apigateway/api-gateway-error.js';
import { buildRestApiModels, findMethod, matchResource } from '../../src/apigateway/rest-api-model.js';
import type { ResolvedResource } from '../../src/assembly/resolved-resource.js';
import { API_ID, ROOT_ID, testApiResources } from './support/test-api.js';

const api = () => buildRestApiModels(testApiResources()).get(API_ID)!;

describe('buildRestApiModels', () => {
  it('builds the resource tree whatever the template order', () => {
    const model = api();
    expect(model.root.id).toBe(ROOT_ID);
    expect(model.root.literalChildren.get('notes')?.paramChild?.node.path).toBe('/notes/{noteId}');
    expect(model.root.literalChildren.get('files')?.greedyChild?.name).toBe('proxy');
    expect(model.stages.get('prod')?.variables).toEqual({ tier: 'test' });
    expect(model.authorizers.get('authz01')).toMatchObject({ type: 'COGNITO_USER_POOLS', ttlSeconds: 300 });
  });

  it('reads stage throttling with escaped resource paths', () => {
    const resources = testApiResources().map((r) =>
      r.type === 'AWS::ApiGateway::Stage'
        ? {
            ...r,
            properties: {
              ...r.properties,
              MethodSettings: [
                {
                  ResourcePath: '/~1notes~1{noteId}',
                  HttpMethod: 'GET',
                  ThrottlingRateLimit: 5,
                  ThrottlingBurstLimit: 10,
                },
              ],
            },
          }
        : r,
    );
    expect(buildRestApiModels(resources).get(API_ID)?.stages.get('prod')?.throttling).toEqual([
      { resourcePath: '/notes/{noteId}', httpMethod: 'GET', rateLimit: 5, burstLimit: 10 },
    ]);
  });

  const broken = (logicalId: string, properties: Record<string, unknown>): ResolvedResource[] => [
    ...testApiResources(),
    {
      logicalId,
      type: 'AWS::ApiGateway::Resource',
      physicalId: `${logicalId}-id`,
      properties,
      attributes: {},
    },
  ];
  it.each([
    [
      'a resource whose parent does not exist',
      broken('Orphan', { RestApiId: API_ID, ParentId: 'nope', PathPart: 'x' }),
      /Orphan: ParentId nope/,
    ],
    [
      'a second {param} on one level',
      broken('Clash', { RestApiId: API_ID, ParentId: 'res-notes', PathPart: '{other}' }),
      /\/notes\/\{(other|noteId)\} conflicts with \/notes\/\{(noteId|other)\} \(one \{param\} per level\)/,
    ],
    [
      'a resource of an unknown API',
      broken('Stray', { RestApiId: 'zzz', ParentId: ROOT_ID, PathPart: 'x' }),
      /Stray: RestApiId zzz/,
    ],
    [
      'a resource without PathPart',
      broken('NoPart', { RestApiId: API_ID, ParentId: ROOT_ID }),
      /NoPart: PathPart is required/,
    ],
  ])('names the resource for %s', (_name, resources, message) => {
    expect(() => buildRestApiModels(resources)).toThrow(ApiGatewayConfigError);
    expect(() => buildRestApiModels(resources)).toThrow(message);
  });

  it('skips an API defined by an OpenAPI body, with a warning', () => {
    const warnings: string[] = [];
    const apis = buildRestApiModels(
      [
        {
          logicalId: 'Spec',
          type: 'AWS::ApiGateway::RestApi',
          physicalId: 'spec1',
          properties: { Body: {} },
          attributes: {},
        },
      ],
      warnings,
    );
    expect(apis.size).toBe(0);
    expect(warnings).toEqual([
      expect.stringMatching(/Spec: APIs defined by an OpenAPI Body are not emulated/),
    ]);
  });
});

describe('matchResource', () => {
  it.each([
    ['/notes', '/notes', {}],
    ['/notes/latest', '/notes/latest', {}],
    ['/notes/abc', '/notes/{noteId}', { noteId: 'abc' }],
    ['/notes/a%2Fb', '/notes/{noteId}', { noteId: 'a/b' }],
    ['/files/x', '/files/{proxy+}', { proxy: 'x' }],
    ['/files/x/y/z', '/files/{proxy+}', { proxy: 'x/y/z' }],
    ['/', '/', {}],
  ])('matches %s to %s', (path, resource, params) => {
    const m = matchResource(
      api().root,
      path.split('/').filter((s) => s !== ''),
    );
    expect(m?.node.path).toBe(resource);
    expect(m?.pathParameters).toEqual(params);
  });

  it.each(['/unknown', '/notes/a/b', '/me/x'])('matches nothing for %s', (path) => {
    expect(
      matchResource(
        api().root,
        path.split('/').filter((s) => s !== ''),
      ),
    ).toBeUndefined();
  });

  it('falls back to ANY when the verb has no method', () => {
    const node = matchResource(api().root, ['files', 'x'])!.node;
    expect(findMethod(node, 'PATCH')?.httpMethod).toBe('ANY');
    const notes = matchResource(api().root, ['notes'])!.node;
    expect(findMethod(notes, 'DELETE')).toBeUndefined();
  });
});
