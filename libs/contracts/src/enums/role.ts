import { z } from 'zod';

/** Roles a person or API key can hold. Ordered from least to most operational reach; auditor is orthogonal. */
export const Role = z.enum(['viewer', 'responder', 'admin', 'auditor']);
export type Role = z.output<typeof Role>;
