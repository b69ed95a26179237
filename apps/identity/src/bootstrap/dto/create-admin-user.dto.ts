import { z } from 'zod';

/** Body of POST /internal/admin-users. The rules of each field are the users feature's own. */
export const CreateAdminUserBody = z.object({
  username: z.string(),
  displayName: z.string(),
  password: z.string(),
});
export type CreateAdminUserBody = z.output<typeof CreateAdminUserBody>;

export interface CreatedAdminUserResponse {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  createdAt: string;
}
