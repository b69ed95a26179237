import { errorTypeOfStatus, promSuccess } from './envelope';

describe('promSuccess', () => {
  it('omits empty warnings and infos', () => {
    expect(promSuccess([1])).toEqual({ status: 'success', data: [1] });
    expect(promSuccess([], ['w'], ['i'])).toEqual({ status: 'success', data: [], warnings: ['w'], infos: ['i'] });
  });
});

describe('errorTypeOfStatus', () => {
  it.each([
    [400, 'bad_data'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [422, 'execution'],
    [503, 'timeout'],
    [500, 'internal'],
  ])('%i → %s', (status, type) => {
    expect(errorTypeOfStatus(status)).toBe(type);
  });
});
