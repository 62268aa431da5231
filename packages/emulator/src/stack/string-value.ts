/** A resolved template value as the string CloudFormation makes of it (outputs, environment variables). */
export function stringValue(value: unknown): string {
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}
