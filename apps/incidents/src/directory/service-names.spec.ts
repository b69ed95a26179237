import { closestName, distinct, editDistance, suggestionReach, unknownServicesMessage } from './service-names';

describe('service names', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['', 'abc', 3],
    ['checkout', 'checkout', 0],
    ['chekout', 'checkout', 1],
    ['checkuot', 'checkout', 2],
    ['kitten', 'sitting', 3],
    ['payments-api', 'payment-api', 1],
  ])('edit distance of %p and %p is %p (both ways)', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });

  it('suggests within 1 edit for short names and up to 3 for long ones', () => {
    expect(suggestionReach('api')).toBe(1);
    expect(suggestionReach('checkout')).toBe(2);
    expect(suggestionReach('payments-gateway-api')).toBe(3);
  });

  it('finds the closest known name within reach, or nothing', () => {
    const known = ['checkout', 'checkout-api', 'payments', 'search'];
    expect(closestName('chekout', known)).toBe('checkout');
    expect(closestName('checkout-apx', known)).toBe('checkout-api');
    expect(closestName('paymnts', known)).toBe('payments');
    expect(closestName('inventory', known)).toBeNull();
    // Two edits are too many for a three-letter name.
    expect(closestName('abc', ['xyc'])).toBeNull();
    expect(closestName('abc', ['abd'])).toBe('abd');
    expect(closestName('anything', [])).toBeNull();
  });

  it('breaks ties alphabetically, whatever the order of the known names', () => {
    expect(closestName('cart', ['dart', 'bart'])).toBe('bart');
    expect(closestName('cart', ['bart', 'dart'])).toBe('bart');
  });

  it('keeps first-seen order without repeats', () => {
    expect(distinct(['b', 'a', 'b', 'c', 'a'])).toEqual(['b', 'a', 'c']);
  });

  it('names every unknown service, with its suggestion when there is one', () => {
    expect(
      unknownServicesMessage([
        { name: 'chekout', suggestion: 'checkout' },
        { name: 'nope', suggestion: null },
      ]),
    ).toBe('unknown service "chekout" (did you mean "checkout"?); unknown service "nope"');
  });
});
