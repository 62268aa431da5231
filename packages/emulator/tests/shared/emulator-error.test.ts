import { describe, expect, it } from 'vitest';
import {
  ApiGatewayConfigError,
  ApiGatewayError,
  ApiGatewayStateError,
} from '../../src/apigateway/api-gateway-error.js';
import {
  AssemblyError,
  CloudAssemblyReadError,
  TemplateResolutionError,
} from '../../src/assembly/assembly-error.js';
import { EmulatorError } from '../../src/index.js';

describe('EmulatorError', () => {
  it.each<[Error, abstract new (...args: never[]) => Error, string]>([
    [new ApiGatewayConfigError('bad method'), ApiGatewayError, 'ApiGatewayConfigError'],
    [new ApiGatewayStateError('not listening'), ApiGatewayError, 'ApiGatewayStateError'],
    [new CloudAssemblyReadError('no manifest'), AssemblyError, 'CloudAssemblyReadError'],
    [
      new TemplateResolutionError('Stack/Res.Prop', 'no such resource'),
      AssemblyError,
      'TemplateResolutionError',
    ],
  ])('is the base of %s, which names itself and its family', (error, family, name) => {
    expect(error).toBeInstanceOf(EmulatorError);
    expect(error).toBeInstanceOf(family);
    expect(error.name).toBe(name);
    expect(String(error)).toMatch(new RegExp(`^${name}: `));
  });

  it('keeps the families apart', () => {
    expect(new ApiGatewayConfigError('x')).not.toBeInstanceOf(AssemblyError);
    expect(new CloudAssemblyReadError('x')).not.toBeInstanceOf(ApiGatewayError);
  });
});
