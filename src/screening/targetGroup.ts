/**
 * The target groups (målgrupper) a screening sorts members into, defined once for the policy's
 * conditions, the outcome, the PDF, storage and the API.
 */
import { z } from 'zod';

/** Zod schema for target groups: 1 (not at risk) or 2 (at risk of long-term unemployment). */
export const targetGroupSchema = z.union([z.literal(1), z.literal(2)]);
/** A target group. */
export type TargetGroup = z.infer<typeof targetGroupSchema>;

/** Zod schema for the subgroups of group 2: 2a inside the fund's trade areas, 2b outside (brancheskift). */
export const subgroupSchema = z.enum(['2a', '2b']);
/** A subgroup of target group 2. */
export type Subgroup = z.infer<typeof subgroupSchema>;
