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
    });
  });

  it.each([
    [{ title: 'x', severity: 'P1' }, /title must have 3 to 200 characters, got 1/],
    [{ title: 'Checkout down', severity: 'P5' }, /severity must be one of P0, P1, P2, P3, got "P5"/],
    [
      { title: 'Checkout down', severity: 'P2', services: ['Checkout API'] },
      /service "Checkout API" is not a valid service name/,
    ],
  ])('refuses %j', (input, message) => {
    expect(() => validateDeclaration(input)).toThrow(IncidentException);
    expect(() => validateDeclaration(input)).toThrow(message);
  });
});
