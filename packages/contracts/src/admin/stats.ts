import * as z from 'zod';

/** Counts kept as running totals, so answering never scans the table. */
export const StatsSchema = z.object({
  /** Users who hold at least one note. */
  users: z.number().int().min(0),
  notes: z.number().int().min(0),
});
export type Stats = z.infer<typeof StatsSchema>;
