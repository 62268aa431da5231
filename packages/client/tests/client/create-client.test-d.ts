import {
  type ContractDefinition,
  defineContract,
  defineRoute,
  type Note,
  type NotePage,
  type Profile,
  type Stats,
} from '@org/contracts';
import { describe, expectTypeOf, it } from 'vitest';
import * as z from 'zod';
import type { CallOptions } from '../../src/api/route-caller.js';
import { createClient as createBrowserClient } from '../../src/browser.js';
import {
  createClient,
  createServiceClient,
  type GatehouseClient,
  type RouteInput,
  type SignInChallengeOption,
  type SignInResult,
} from '../../src/index.js';

declare const client: GatehouseClient;

describe('route methods inferred from the contract', () => {
  it('types notes.list with an optional query and a NotePage result', () => {
    expectTypeOf(client.notes.list)
      .parameter(0)
      .toEqualTypeOf<{ limit?: number | undefined; cursor?: string | undefined } | undefined>();
    expectTypeOf(client.notes.list).returns.resolves.toEqualTypeOf<NotePage>();
    expectTypeOf(client.notes.list).parameter(1).toEqualTypeOf<CallOptions | undefined>();
    client.notes.list();
    client.notes.list({ limit: 10 });
    // @ts-expect-error limit is a number
    client.notes.list({ limit: '10' });
    // @ts-expect-error unknown query field
    client.notes.list({ page: 2 });
  });

  it('types notes.update with the path parameter and the body, both required', () => {
    expectTypeOf<RouteInput<typeof import('@org/contracts').apiContract.notes.update>>().toEqualTypeOf<{
      noteId: string;
      body: {
        title?: string | undefined;
        body?: string | undefined;
        tags?: string[] | undefined;
        expectedVersion: number;
      };
    }>();
    expectTypeOf(client.notes.update).returns.resolves.toEqualTypeOf<Note>();
    client.notes.update({ noteId: 'x', body: { title: 't', expectedVersion: 1 } });
    // @ts-expect-error expectedVersion is required
    client.notes.update({ noteId: 'x', body: { title: 't' } });
    // @ts-expect-error noteId is required
    client.notes.update({ body: { title: 't', expectedVersion: 1 } });
    // @ts-expect-error the input is required
    client.notes.update();
  });

  it('types notes.create with a body whose defaulted fields are optional, and optional headers', () => {
    expectTypeOf(client.notes.create).parameter(0).toEqualTypeOf<{
      body: { title: string; body?: string | undefined; tags?: string[] | undefined };
      headers?: { 'idempotency-key'?: string | undefined };
    }>();
    expectTypeOf(client.notes.create).returns.resolves.toEqualTypeOf<Note>();
  });

  it('types notes.delete as resolving to undefined (204)', () => {
    expectTypeOf(client.notes.delete).returns.resolves.toEqualTypeOf<undefined>();
    expectTypeOf(client.notes.delete).parameter(0).toEqualTypeOf<{ noteId: string }>();
  });

  it('types routes without input as callable with no argument', () => {
    expectTypeOf(client.me.get).returns.resolves.toEqualTypeOf<Profile>();
    expectTypeOf(client.admin.stats).returns.resolves.toEqualTypeOf<Stats>();
    expectTypeOf(client.system.health).returns.resolves.toEqualTypeOf<{ status: 'ok'; version: string }>();
    client.me.get();
  });

  it('has no method for a route the contract does not declare', () => {
    // @ts-expect-error no such route
    client.notes.archive;
    // @ts-expect-error no such group
    client.users;
  });
});

describe('createClient', () => {
  const config = { apiUrl: 'https://x/', userPoolId: 'us-east-1_A', clientId: 'c', region: 'us-east-1' };

  it('returns the same client type from both entries', () => {
    expectTypeOf(createClient(config)).toEqualTypeOf<GatehouseClient>();
    expectTypeOf(createBrowserClient(config)).toEqualTypeOf<GatehouseClient>();
  });

  it('infers the methods of another contract', () => {
    const contract = defineContract({
      things: {
        find: defineRoute({
          name: 'things.find',
          method: 'GET',
          path: '/things/{thingId}',
          summary: 'One thing.',
          access: { kind: 'public' },
          params: z.object({ thingId: z.string() }),
          query: z.object({ verbose: z.boolean().optional() }),
          successStatus: 200,
          responses: { 200: z.object({ id: z.string(), size: z.number() }) },
        }),
      },
    }) satisfies ContractDefinition;
    const custom = createClient(config, { contract });

    expectTypeOf(custom.things.find)
      .parameter(0)
      .toEqualTypeOf<{ thingId: string; verbose?: boolean | undefined }>();
    expectTypeOf(custom.things.find).returns.resolves.toEqualTypeOf<{ id: string; size: number }>();
    expectTypeOf(custom.signIn).toBeFunction();
    // @ts-expect-error the default contract's routes are not there
    custom.notes;
  });
});

describe('the client assigned to a declared type', () => {
  it('infers the default contract when the target is GatehouseClient (a `let` filled in later)', () => {
    const config = { apiUrl: 'https://x/', userPoolId: 'us-east-1_A', clientId: 'c', region: 'us-east-1' };
    const target: GatehouseClient | undefined = createClient(config);
    const browserTarget: GatehouseClient | undefined = createBrowserClient(config);
    // Before NoInfer the assignments above did not compile: C was inferred from the target as ContractDefinition.
    expectTypeOf(target).toEqualTypeOf<GatehouseClient>();
    expectTypeOf(browserTarget).toEqualTypeOf<GatehouseClient>();
  });
});

describe('sign-in steps', () => {
  it('narrows each step to the fields the user needs for it', async () => {
    const step = await client.signIn({ username: 'a@example.com', password: 'p' });
    if (step.status === 'totp-setup-required') {
      expectTypeOf(step.otpauthUri).toEqualTypeOf<string>();
      expectTypeOf(step.secret).toEqualTypeOf<string>();
    }
    if (step.status === 'email-otp-sent') expectTypeOf(step.destination).toEqualTypeOf<string | undefined>();
    if (step.status === 'select-challenge')
      expectTypeOf(step.options).toEqualTypeOf<readonly SignInChallengeOption[]>();
    // @ts-expect-error only a signed-in step has a user
    step.user;
    expectTypeOf(client.confirmSignIn).returns.resolves.toEqualTypeOf<SignInResult>();
    expectTypeOf(client.handleRedirectCallback).returns.resolves.toHaveProperty('user');
  });

  it('types the service client with the contract’s route methods only', () => {
    const service = createServiceClient({
      apiUrl: 'https://x/',
      domainUrl: 'https://d/',
      clientId: 'c',
      clientSecret: 's',
    });
    expectTypeOf(service.admin.stats).returns.resolves.toEqualTypeOf<Stats>();
    // @ts-expect-error a service has no user session
    service.signIn;
  });
});
