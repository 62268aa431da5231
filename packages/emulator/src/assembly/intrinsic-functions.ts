/** The intrinsic functions the resolver understands: its dispatch table answers each of them, and only them. */
const INTRINSIC_FUNCTIONS = [
  'Ref',
  'Fn::GetAtt',
  'Fn::Join',
  'Fn::Sub',
  'Fn::Select',
  'Fn::Split',
  'Fn::If',
  'Fn::Equals',
  'Fn::And',
  'Fn::Or',
  'Fn::Not',
  'Condition',
  'Fn::FindInMap',
  'Fn::GetAZs',
  'Fn::Base64',
  'Fn::ImportValue',
] as const;

export type IntrinsicFunction = (typeof INTRINSIC_FUNCTIONS)[number];

const INTRINSICS: ReadonlySet<string> = new Set(INTRINSIC_FUNCTIONS);

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The single key of `{ "Fn::X": ... }`, when the object is an intrinsic function call. */
export function intrinsicOf(value: Record<string, unknown>): IntrinsicFunction | undefined {
  const keys = Object.keys(value);
  return keys.length === 1 && INTRINSICS.has(keys[0] as string) ? (keys[0] as IntrinsicFunction) : undefined;
}
