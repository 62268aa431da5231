import { describe, expectTypeOf, it } from 'vitest';
import type { AccessPrincipalKind, ApiContract } from '../../src/index.js';

describe('AccessPrincipalKind', () => {
  it('reads the principal kinds each route serves from its access rules', () => {
    expectTypeOf<AccessPrincipalKind<ApiContract['me']['get']['access']>>().toEqualTypeOf<'user'>();
    expectTypeOf<AccessPrincipalKind<ApiContract['notes']['create']['access']>>().toEqualTypeOf<'user'>();
    expectTypeOf<AccessPrincipalKind<ApiContract['admin']['stats']['access']>>().toEqualTypeOf<
      'user' | 'service'
    >();
    expectTypeOf<AccessPrincipalKind<ApiContract['system']['health']['access']>>().toEqualTypeOf<never>();
  });
});
