import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Audited } from '@keel/graphql';
import { Public } from '@keel/auth';
import { auditResourceId } from '../common/audit-resource-id';
import { toUserType } from '../users/user.mapper';
import { SessionTokensType } from './dto/session-tokens.type';
import { SessionsService, type IssuedSession } from './sessions.service';

function toSessionTokens(session: IssuedSession): SessionTokensType {
  return Object.assign(new SessionTokensType(), { ...session, user: toUserType(session.user) });
}

const signedInUserId = (_args: Record<string, unknown>, result: unknown): string | undefined =>
  result instanceof SessionTokensType ? result.user.id : undefined;

// These mutations need no role: the credential is in the arguments. The HTTP layer still requires a valid
// bearer token (the gateway's service token for anonymous callers).
@Resolver()
export class SessionsResolver {
  constructor(private readonly sessions: SessionsService) {}

  @Mutation(() => SessionTokensType, { description: 'Signs in with a user name and password' })
  @Public()
  @Audited({
    action: 'identity.session.login',
    resource: 'user',
    // On failure there is no user id; the attempted name (lower case) still shows a guessing attack.
    resourceId: (args, result) =>
      signedInUserId(args, result) ??
      auditResourceId(typeof args['username'] === 'string' ? args['username'].toLowerCase() : undefined),
  })
  async login(@Args('username') username: string, @Args('password') password: string): Promise<SessionTokensType> {
    return toSessionTokens(await this.sessions.login(username, password));
  }

  @Mutation(() => SessionTokensType, {
    description: 'Trades a refresh token for a new pair; the old refresh token stops working',
  })
  @Public()
  @Audited({ action: 'identity.session.refresh', resource: 'user', resourceId: signedInUserId })
  async refreshSession(@Args('refreshToken') refreshToken: string): Promise<SessionTokensType> {
    return toSessionTokens(await this.sessions.refresh(refreshToken));
  }

  @Mutation(() => Boolean, { description: 'Ends the session the refresh token belongs to; always true' })
  @Public()
  @Audited({ action: 'identity.session.logout', resource: 'session' })
  async logout(@Args('refreshToken') refreshToken: string): Promise<boolean> {
    await this.sessions.logout(refreshToken);
    return true;
  }
}
