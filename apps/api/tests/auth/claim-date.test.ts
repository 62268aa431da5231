import { describe, expect, it } from 'vitest';
import { parseClaimDate } from '../../src/auth/claim-date.js';

describe('parseClaimDate', () => {
  it.each([
    ['Tue Jun 18 15:00:04 UTC 2024', 1_718_722_804],
    ['Mon Jun 17 15:00:04 UTC 2024', 1_718_636_404],
    ['Thu Jan 01 00:00:00 UTC 1970', 0],
    ['Thu Feb 29 23:59:59 GMT 2024', 1_709_251_199],
    ['1718722804', 1_718_722_804],
  ])('reads %j', (text, seconds) => {
    expect(parseClaimDate(text)).toBe(seconds);
  });

  it.each([
    ['an empty string', ''],
    ['an ISO date', '2024-06-18T15:00:04Z'],
    ['another time zone', 'Tue Jun 18 15:00:04 PDT 2024'],
    ['a wrong weekday', 'Wed Jun 18 15:00:04 UTC 2024'],
    ['a day that does not exist', 'Sat Feb 31 15:00:04 UTC 2024'],
    ['an unknown month', 'Tue Jux 18 15:00:04 UTC 2024'],
    ['an hour out of range', 'Tue Jun 18 25:00:04 UTC 2024'],
    ['an unpadded day', 'Tue Jun 8 15:00:04 UTC 2024'],
    ['trailing text', 'Tue Jun 18 15:00:04 UTC 2024 extra'],
    ['a negative number', '-1'],
    ['a fraction', '1718722804.5'],
    ['a huge number', '999999999999999999999'],
  ])('refuses %s', (_what, text) => {
    expect(parseClaimDate(text)).toBeUndefined();
  });
});
