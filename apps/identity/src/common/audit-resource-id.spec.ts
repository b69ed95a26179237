import { auditResourceId } from './audit-resource-id';

describe('auditResourceId', () => {
  it('keeps a usable id, trimmed and bounded', () => {
    expect(auditResourceId('8c1f')).toBe('8c1f');
    expect(auditResourceId('  ana ')).toBe('ana');
    expect(auditResourceId('x'.repeat(500))).toHaveLength(128);
  });

  it('gives nothing for blanks and non-strings', () => {
    expect(auditResourceId('   ')).toBeUndefined();
    expect(auditResourceId(undefined)).toBeUndefined();
    expect(auditResourceId(42)).toBeUndefined();
  });
});
