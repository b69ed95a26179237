import { PromParams } from './prom-request';

describe('PromParams', () => {
  it('reads the URL itself, keeping match[] and repeated values in order', () => {
    const params = new PromParams({ originalUrl: '/api/v1/series?match[]=up&match%5B%5D=%7Bjob%3D%22a%22%7D&start=1' });
    expect(params.getAll('match[]')).toEqual(['up', '{job="a"}']);
    expect(params.get('start')).toBe('1');
    expect(params.get('end')).toBeUndefined();
  });

  it('takes form values before URL values, whatever shape qs gave them', () => {
    const params = new PromParams({
      originalUrl: '/api/v1/query?query=from_url&time=5',
      body: { query: '1 + 1', match: ['a', 'b'], tricky: { 0: 'x', 1: 'y' } },
    });
    expect(params.get('query')).toBe('1 + 1');
    expect(params.getAll('query')).toEqual(['1 + 1', 'from_url']);
    expect(params.getAll('match[]')).toEqual(['a', 'b']);
    expect(params.getAll('tricky[]')).toEqual(['x', 'y']);
    expect(params.get('time')).toBe('5');
  });

  it('ignores a raw (Buffer) body', () => {
    expect(new PromParams({ url: '/x', body: Buffer.from('query=up') }).get('query')).toBeUndefined();
  });
});
