import { z } from 'zod';
import { Role } from '../enums/role';
import { NonEmptyString } from './primitives';

export const ActorType = z.enum(['user', 'api_key', 'service', 'system']);
export type ActorType = z.output<typeof ActorType>;

/** Who did something: a person, an API key, a service or the system itself. */
export const Actor = z.object({
  type: ActorType,
  id: NonEmptyString,
  name: z.string().optional(),
  roles: z.array(Role),
});
export type Actor = z.output<typeof Actor>;
