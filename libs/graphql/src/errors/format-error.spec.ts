import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { createFormatError } from './format-error';
import { KeelError } from './keel-error';

function format(error: unknown) {
  const logged: Array<Record<string, unknown>> = [];
  const formatError = createFormatError({ error: (object) => logged.push(object) });
  const message = error instanceof Error ? error.message : 'x';
  const wrapped = new GraphQLError(message, {
    originalError: error instanceof Error ? error : undefined,
    path: ['field'],
  });
  return { result: formatError(wrapped.toJSON(), wrapped), logged };
}

describe('createFormatError', () => {
  it('shows a feature error with its category code and precise reason', () => {
    const { result, logged } = format(new KeelError('CONFLICT', 'USER_NAME_TAKEN', 'user name "ana" is taken'));
    expect(result).toMatchObject({
      message: 'user name "ana" is taken',
      extensions: { code: 'CONFLICT', reason: 'USER_NAME_TAKEN' },
    });
    expect(logged).toHaveLength(0);
  });

  it('maps guard exceptions to UNAUTHENTICATED and FORBIDDEN', () => {
    expect(format(new UnauthorizedException('authentication required')).result.extensions).toEqual({
      code: 'UNAUTHENTICATED',
    });
    expect(format(new ForbiddenException('not allowed')).result.extensions).toEqual({ code: 'FORBIDDEN' });
  });

  it('hides internals of unexpected errors and logs them', () => {
    const { result, logged } = format(new Error('password authentication failed for user "postgres"'));
    expect(result.message).toBe('internal error');
    expect(result.extensions?.['code']).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(result)).not.toContain('postgres');
    expect(logged).toHaveLength(1);
  });

  it('keeps request errors from graphql-js', () => {
    const validation = new GraphQLError('Cannot query field "nope" on type "Query".', {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const formatError = createFormatError({ error: () => undefined });
    expect(formatError(validation.toJSON(), validation)).toMatchObject({
      message: 'Cannot query field "nope" on type "Query".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });
});
