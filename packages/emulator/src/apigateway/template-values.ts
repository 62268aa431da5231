import type { ResolvedResource } from '../assembly/resolved-resource.js';
import { ApiGatewayConfigError } from './api-gateway-error.js';
import { inputDictionary } from './input-dictionary.js';

// Readers of resolved template values for the REST API model: a wrong type in a property the gateway acts
// on is an ApiGatewayConfigError naming the resource; optional shapes that do not fit are read as empty.

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function optionalString(res: ResolvedResource, key: string): string | undefined {
  const v = res.properties[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') {
    throw new ApiGatewayConfigError(`${res.type} ${res.logicalId}: ${key} must be a string`);
  }
  return v;
}

export function requiredString(res: ResolvedResource, key: string): string {
  const v = optionalString(res, key);
  if (v === undefined) throw new ApiGatewayConfigError(`${res.type} ${res.logicalId}: ${key} is required`);
  return v;
}

/** Null-prototype: request values are looked up in these by names a template gives (`stageVariables.x`). */
export function stringMap(v: unknown): Record<string, string> {
  const out = inputDictionary<string>();
  if (!isRecord(v)) return out;
  for (const [k, val] of Object.entries(v)) {
    if (typeof val === 'string') out[k] = val;
    else if (typeof val === 'number' || typeof val === 'boolean') out[k] = String(val);
  }
  return out;
}

export function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function numberOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}
