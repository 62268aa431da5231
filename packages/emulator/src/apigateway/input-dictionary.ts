/**
 * A map keyed by request input (query names, header names, path parameters, claims) as a null-prototype
 * object: `toString`, `constructor` or `__proto__` are then ordinary keys, never `Object.prototype`'s
 * members. It stays a plain object (not a `Map`) because it goes into the Lambda event as JSON.
 */
export function inputDictionary<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** A null-prototype copy of `source` (own enumerable keys only). */
export function copyDictionary<T>(source: Readonly<Record<string, T>>): Record<string, T> {
  return Object.assign(inputDictionary<T>(), source);
}
