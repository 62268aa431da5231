import * as z from 'zod';

/** Roles the pre-token-generation trigger derives from the user's groups. */
export const Roles = ['member', 'admin'] as const;
export const RoleSchema = z.enum(Roles);
export type Role = z.infer<typeof RoleSchema>;

/** The caller as `GET /me` returns it, read from the verified access-token claims. */
export const ProfileSchema = z.object({
  sub: z.string(),
  username: z.string(),
  email: z.string().nullable(),
  groups: z.array(z.string()),
  /** Added to both tokens by the pre-token-generation trigger. */
  displayName: z.string().nullable(),
  role: RoleSchema,
});
export type Profile = z.infer<typeof ProfileSchema>;
