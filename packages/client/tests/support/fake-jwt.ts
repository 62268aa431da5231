/** An unsigned JWT-shaped token: the client reads its payload and never verifies signatures. */
export function fakeJwt(payload: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ kid: 'test-kid', alg: 'RS256' })}.${part(payload)}.${Buffer.from('signature').toString('base64url')}`;
}
