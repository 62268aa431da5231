import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../src/logger.js';
import { localizeAuthDomainUrls } from '../../src/stack/local-urls.js';

describe('localizeAuthDomainUrls', () => {
  const known = (prefix: string) => prefix === 'gatehouse-dev';

  it.each([
    ['https://gatehouse-dev.auth.eu-west-1.amazoncognito.com', 'http://localhost:9230/gatehouse-dev'],
    [
      'https://gatehouse-dev.auth.us-east-1.amazoncognito.com/oauth2/token',
      'http://localhost:9230/gatehouse-dev/oauth2/token',
    ],
    [
      'see https://gatehouse-dev.auth.us-east-1.amazoncognito.com and more',
      'see http://localhost:9230/gatehouse-dev and more',
    ],
  ])('rewrites %s to the local OAuth server', (value, expected) => {
    expect(localizeAuthDomainUrls(value, 'http://localhost:9230', known, createMemoryLogger())).toBe(
      expected,
    );
  });

  it('leaves a domain no local pool has as it is, with a warning', () => {
    const log = createMemoryLogger();
    const value = 'https://someone-else.auth.us-east-1.amazoncognito.com';
    expect(localizeAuthDomainUrls(value, 'http://localhost:9230', known, log)).toBe(value);
    expect(log.entries.some((e) => e.level === 'warn' && e.msg.includes('someone-else'))).toBe(true);
  });
});
