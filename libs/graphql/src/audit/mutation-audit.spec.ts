import { BadRequestException, ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { KeelError } from '../errors/keel-error';
import { auditFailureReason } from './mutation-audit';

describe('auditFailureReason', () => {
  it("gives the auth guard's refusals the GraphQL code the client sees", () => {
    expect(auditFailureReason(new ForbiddenException('not allowed'))).toBe('FORBIDDEN');
    expect(auditFailureReason(new UnauthorizedException('authentication required'))).toBe('UNAUTHENTICATED');
  });

  it('gives a feature error its precise code', () => {
    expect(auditFailureReason(new KeelError('NOT_FOUND', 'RULE_GROUP_NOT_FOUND', 'no group'))).toBe(
      'RULE_GROUP_NOT_FOUND',
    );
  });

  it("falls back to the error's name, or unknown for what is not an error", () => {
    expect(auditFailureReason(new BadRequestException('bad'))).toBe('BadRequestException');
    expect(auditFailureReason(new TypeError('boom'))).toBe('TypeError');
    expect(auditFailureReason('thrown text')).toBe('unknown');
  });
});
