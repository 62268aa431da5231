/**
 * What `Fn::GetAtt` answers for a resource that is not emulated: a plausible ARN for `Arn`, a derived string
 * for anything else, so that templates referring to roles, log groups or custom resources still resolve.
 */
export function placeholderAttributes(
  type: string,
  physicalId: string,
  region: string,
  accountId: string,
): Record<string, string> {
  const [, service = 'local', kind = 'resource'] = type.split('::');
  const lower = service.toLowerCase();
  // IAM is global: its ARNs carry no region.
  const arn = `arn:aws:${lower}:${lower === 'iam' ? '' : region}:${accountId}:${kind.toLowerCase()}/${physicalId}`;
  return new Proxy({} as Record<string, string>, {
    get: (_target, key) =>
      typeof key !== 'string' ? undefined : key === 'Arn' ? arn : `${physicalId}.${key}`,
    has: () => true,
    ownKeys: () => ['Arn'],
    getOwnPropertyDescriptor: (_target, key) =>
      key === 'Arn' ? { value: arn, enumerable: true, configurable: true } : undefined,
  });
}
