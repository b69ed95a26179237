import { registerEnumType } from '@nestjs/graphql';
import { Role } from '@keel/contracts';

/** The contracts' Role enum, exposed to GraphQL under the same name and values. */
export const RoleEnum = Role.enum;

registerEnumType(RoleEnum, {
  name: 'Role',
  description: 'viewer < responder < admin; auditor reads everything a viewer reads plus the audit trail',
});
