import { TokenService, passwordProblem } from '@keel/auth';
import type { CliAdminConfig } from '../config';

export interface AdminCreateInput {
  username: string;
  displayName: string;
  password: string;
}

/**
 * Creates an admin user through the identity service. The CLI proves it runs beside the platform by signing a
 * one-minute service token named `cli` with the deployment's JWT_SECRET; identity accepts that token only for
 * this endpoint and audits the creation. There is no default password anywhere: the person running it chooses one.
 */
export async function createAdmin(
  config: CliAdminConfig,
  input: AdminCreateInput,
  fetchImpl: typeof fetch = fetch,
): Promise<{ id: string; username: string }> {
  const problem = passwordProblem(input.password);
  if (problem) throw new Error(problem);
  const tokens = new TokenService({ secret: config.JWT_SECRET, issuer: config.JWT_ISSUER, accessTtlSeconds: 60 });
  const response = await fetchImpl(`${config.IDENTITY_BASE_URL}/internal/admin-users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.issueServiceToken('cli').token}` },
    body: JSON.stringify(input),
  });
  const body = (await response.json().catch(() => ({}))) as {
    id?: string;
    username?: string;
    message?: string | string[];
  };
  if (!response.ok || !body.id || !body.username) {
    const reason = Array.isArray(body.message) ? body.message.join('; ') : (body.message ?? `HTTP ${response.status}`);
    throw new Error(`identity refused to create the admin: ${reason}`);
  }
  return { id: body.id, username: body.username };
}
