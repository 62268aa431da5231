import { randomInt } from 'node:crypto';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomString(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/**
 * A name in CloudFormation's style for a resource whose template gives none:
 * `<stack>-<logicalId>-<random>`, cut to `maxLength` by shortening the stack and logical id parts.
 */
export function generatedName(stackName: string, logicalId: string, maxLength = 255): string {
  const suffix = randomString(UPPER, 12);
  const room = maxLength - suffix.length - 2;
  let stack = stackName;
  let logical = logicalId;
  if (stack.length + logical.length > room) {
    const half = Math.floor(room / 2);
    stack = stack.slice(0, Math.max(half, room - logical.length));
    logical = logical.slice(0, room - stack.length);
  }
  return `${stack}-${logical}-${suffix}`;
}

/** An id like API Gateway's (`a1b2c3d4e5` for a REST API, shorter for its children). */
export function generatedApiGatewayId(length: number): string {
  return randomString(LOWER, length);
}
