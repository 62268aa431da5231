import type { GatehouseClient } from '@org/client/browser';

/** A note as the API returns it (inferred from the contract through the client). */
export type Note = Awaited<ReturnType<GatehouseClient['notes']['get']>>;
/** `GET /me`. */
export type Profile = Awaited<ReturnType<GatehouseClient['me']['get']>>;
/** `GET /admin/stats`. */
export type Stats = Awaited<ReturnType<GatehouseClient['admin']['stats']>>;
/** The signed-in user read from the ID token. */
export type User = NonNullable<Awaited<ReturnType<GatehouseClient['getCurrentUser']>>>;
