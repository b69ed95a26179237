import { IncidentException } from './incident.exception';
import { validateDeclaration } from './declare-incident.rules';

describe('validateDeclaration', () => {
  it('normalizes a good declaration', () => {
    expect(
      validateDeclaration({ title: '  Checkout down ', severity: 'P1', services: ['checkout-api', 'checkout-api'] }),
    ).toEqual({
      title: 'Checkout down',
      description: '',
      severity: 'P1',
      services: ['checkout-api'],
      tags: [],
      type: null,
    });
  });

  it('keeps tags deduplicated and a type, and treats a blank type as none', () => {
    const declared = validateDeclaration({
      title: 'Replica lag',
      severity: 'P2',
      tags: ['migration', ' migration ', 'db:replica'],
      type: ' database ',
    });
    expect(declared.tags).toEqual(['migration', 'db:replica']);
    expect(declared.type).toBe('database');
    expect(validateDeclaration({ title: 'Replica lag', severity: 'P2', type: '  ' }).type).toBeNull();
  });

  it.each([
    [{ title: 'x', severity: 'P1' }, /title must have 3 to 200 characters, got 1/],
    [{ title: 'Checkout down', severity: 'P5' }, /severity must be one of P0, P1, P2, P3, got "P5"/],
    [
      { title: 'Checkout down', severity: 'P2', services: ['Checkout API'] },
      /service "Checkout API" is not a valid service name/,
    ],
    [{ title: 'Checkout down', severity: 'P2', tags: ['Not A Tag'] }, /tag "Not A Tag" is not valid/],
    [
      { title: 'Checkout down', severity: 'P2', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) },
      /at most 20 tags, got 21/,
    ],
    [{ title: 'Checkout down', severity: 'P2', type: 'Data Base' }, /incident type "Data Base" is not valid/],
  ])('refuses %j', (input, message) => {
    expect(() => validateDeclaration(input)).toThrow(IncidentException);
    expect(() => validateDeclaration(input)).toThrow(message);
  });
});
