import { Inject, Injectable, Logger } from '@nestjs/common';
import { identityToActor, type Identity } from '@keel/auth';
import { AUDIT_SINK, KeelError, type AuditRecord, type AuditSink } from '@keel/graphql';
import { auditResourceId } from '../common/audit-resource-id';
import type { UserEntity } from '../users/user.entity';
import { normalizeUsername } from '../users/user-rules';
import { UsersService } from '../users/users.service';
import type { CreateAdminUserBody } from './dto/create-admin-user.dto';

const ACTION = 'identity.user.bootstrap_admin';

/**
 * How `keel admin create` makes an admin (the first one, or a new one when every admin is locked out): there
 * is no default account or password anywhere. Not a GraphQL mutation, so it writes its own audit record.
 */
@Injectable()
export class AdminBootstrapService {
  private readonly logger = new Logger(AdminBootstrapService.name);

  constructor(
    private readonly users: UsersService,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
  ) {}

  async createAdmin(request: CreateAdminUserBody, caller: Identity): Promise<UserEntity> {
    const details = {
      username: normalizeUsername(request.username),
      displayName: request.displayName,
      roles: ['admin'],
    };
    let user: UserEntity;
    try {
      user = await this.users.create({ ...request, roles: ['admin'] });
    } catch (error) {
      await this.record({
        action: ACTION,
        actor: identityToActor(caller),
        resource: { type: 'user', id: auditResourceId(details.username) ?? 'unknown' },
        outcome: 'failure',
        reason: error instanceof KeelError ? error.code : 'INTERNAL',
        details,
      });
      throw error;
    }
    await this.record({
      action: ACTION,
      actor: identityToActor(caller),
      resource: { type: 'user', id: user.id },
      outcome: 'success',
      details,
    });
    return user;
  }

  private async record(entry: AuditRecord): Promise<void> {
    try {
      await this.audit.record(entry);
    } catch (error) {
      // The admin exists now; a lost audit record is an operational emergency, not the caller's error.
      this.logger.error(
        { err: error, action: entry.action, resource: entry.resource },
        'audit record could not be written',
      );
    }
  }
}
