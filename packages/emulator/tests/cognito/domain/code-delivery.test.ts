import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addPool, addUser, type DomainFixture, openDomain } from './domain-fixture.js';

describe('CodeDelivery', () => {
  let d: DomainFixture;
  beforeEach(() => {
    d = openDomain();
  });
  afterEach(() => d.close());

  it.each<['email' | 'phone_number', string, { Destination: string; DeliveryMedium: string }]>([
    ['email', 'alice@example.com', { Destination: 'a***@e***', DeliveryMedium: 'EMAIL' }],
    ['phone_number', '+15555550100', { Destination: '+*******0100', DeliveryMedium: 'SMS' }],
  ])('sends a code to the %s and answers the masked destination', async (attr, address, details) => {
    const pool = await addPool(d.services);
    const user = addUser(d.services, pool, 'alice', { [attr]: address });
    const answer = d.services.delivery.deliver(pool, user, 'SignUp', attr, { code: '123456' });
    expect(answer).toEqual({ ...details, AttributeName: attr });
    expect(d.outbox.list({ userPoolId: pool.Id, username: 'alice' })).toEqual([
      {
        userPoolId: pool.Id,
        username: 'alice',
        kind: 'SignUp',
        attributeName: attr,
        destination: address,
        deliveryMedium: details.DeliveryMedium,
        code: '123456',
        sentAt: new Date(d.clock.now).toISOString(),
      },
    ]);
  });

  it('sends to a new address waiting for verification instead of the current one', async () => {
    const pool = await addPool(d.services);
    const user = addUser(d.services, pool, 'alice', { email: 'old@example.com' });
    const answer = d.services.delivery.deliver(
      pool,
      user,
      'VerifyUserAttribute',
      'email',
      { code: '654321' },
      'new@example.com',
    );
    expect(answer.Destination).toBe('n***@e***');
    expect(d.outbox.list({ username: 'alice' }).map((m) => m.destination)).toEqual(['new@example.com']);
  });

  it('sends a temporary password without a code', async () => {
    const pool = await addPool(d.services);
    const user = addUser(d.services, pool, 'alice', { email: 'alice@example.com' });
    d.services.delivery.deliver(pool, user, 'AdminCreateUser', 'email', { temporaryPassword: 'Temp#1234' });
    const [message] = d.outbox.list({ username: 'alice' });
    expect(message?.temporaryPassword).toBe('Temp#1234');
    expect(message?.code).toBeUndefined();
  });

  it.each<
    [string[] | undefined, string, { Destination: string; DeliveryMedium: string; AttributeName: string }]
  >([
    [
      undefined,
      'alice@example.com',
      { Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' },
    ],
    [['email'], 'bob', { Destination: 'b***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' }],
    [
      ['phone_number'],
      'carol',
      { Destination: '+*******0000', DeliveryMedium: 'SMS', AttributeName: 'phone_number' },
    ],
    [
      ['phone_number'],
      'dave@example.org',
      { Destination: 'd***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' },
    ],
  ])(
    'simulates, for a pool verifying %j, a plausible delivery to %s and sends nothing',
    async (auto, typed, details) => {
      const pool = await addPool(d.services, auto === undefined ? {} : { AutoVerifiedAttributes: auto });
      expect(d.services.delivery.simulated(pool, typed)).toEqual(details);
      expect(d.outbox.list({ userPoolId: pool.Id })).toEqual([]);
    },
  );
});
