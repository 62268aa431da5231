import { describe, expect, it } from 'vitest';
import { ReadWriteLock } from '../../src/dynamodb/read-write-lock.js';

/** Lets every settled promise's callbacks run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('ReadWriteLock', () => {
  it('lets shared holders run together', async () => {
    const lock = new ReadWriteLock();
    const first = await lock.acquire('shared');
    const second = await lock.acquire('shared');
    first();
    second();
  });

  it('makes an exclusive request wait for the shared holders, and later shared requests wait behind it', async () => {
    const lock = new ReadWriteLock();
    const order: string[] = [];
    const reader = await lock.acquire('shared');
    const writer = lock.acquire('exclusive').then((release) => {
      order.push('exclusive');
      return release;
    });
    const lateReader = lock.acquire('shared').then((release) => {
      order.push('late shared');
      return release;
    });
    await settle();
    expect(order).toEqual([]);
    reader();
    (await writer)();
    (await lateReader)();
    expect(order).toEqual(['exclusive', 'late shared']);
  });

  it('releases once even when release is called twice', async () => {
    const lock = new ReadWriteLock();
    const exclusive = await lock.acquire('exclusive');
    const waiting = lock.acquire('exclusive');
    exclusive();
    exclusive();
    const next = await waiting;
    let third = false;
    void lock.acquire('shared').then(() => {
      third = true;
    });
    await settle();
    expect(third).toBe(false);
    next();
    await settle();
    expect(third).toBe(true);
  });

  it('releases the lock when a task run under it throws', async () => {
    const lock = new ReadWriteLock();
    await expect(lock.run('exclusive', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(lock.run('exclusive', async () => 'ran')).resolves.toBe('ran');
  });
});
