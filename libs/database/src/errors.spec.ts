import { errorMessage } from './errors';

describe('errorMessage', () => {
  it('reads the message of errors and error-like objects', () => {
    expect(errorMessage(new Error('boom'))).toBe('boom');
    expect(errorMessage({ message: 'from another realm' })).toBe('from another realm');
    expect(errorMessage(new TypeError(''))).toBe('TypeError');
  });

  it('joins the reasons of an AggregateError without a message', () => {
    const refused = new AggregateError([
      new Error('connect ECONNREFUSED ::1:5432'),
      new Error('connect ECONNREFUSED 127.0.0.1:5432'),
    ]);
    expect(errorMessage(refused)).toBe('connect ECONNREFUSED ::1:5432; connect ECONNREFUSED 127.0.0.1:5432');
  });

  it('stringifies anything else', () => {
    expect(errorMessage('plain')).toBe('plain');
    expect(errorMessage(undefined)).toBe('undefined');
  });
});
