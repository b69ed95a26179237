import { anchorRegex, matches, type LabelMatcher } from './label-matcher';
import { seriesFilter } from './series-filter';

const m = (name: string, type: LabelMatcher['type'], value: string): LabelMatcher => ({ name, type, value });

describe('seriesFilter', () => {
  it('matches the metric name on the name column', () => {
    expect(seriesFilter([m('__name__', '=', 'up')])).toEqual({ where: 's.name = $1', params: ['up'] });
    expect(seriesFilter([m('__name__', '!=', 'up')])).toEqual({ where: 's.name <> $1', params: ['up'] });
    expect(seriesFilter([m('__name__', '=~', 'http_.*')])).toEqual({
      where: 's.name ~ $1',
      params: ['^(?:http_.*)$'],
    });
  });

  it('uses jsonb containment for label equality, with values as parameters', () => {
    expect(seriesFilter([m('job', '=', "api'; drop")])).toEqual({
      where: 's.labels @> $1::jsonb',
      params: ['{"job":"api\'; drop"}'],
    });
  });

  it('treats an empty value as an absent label', () => {
    expect(seriesFilter([m('job', '=', '')]).where).toBe('NOT (s.labels ? $1)');
    expect(seriesFilter([m('job', '!=', '')]).where).toBe('s.labels ? $1');
  });

  it('lets a missing label match != of a non-empty value', () => {
    expect(seriesFilter([m('job', '!=', 'api')])).toEqual({
      where: '(s.labels ->> $1) IS DISTINCT FROM $2',
      params: ['job', 'api'],
    });
  });

  it('lets a missing label match a regex only when the regex matches the empty string', () => {
    expect(seriesFilter([m('job', '=~', 'api|')]).where).toBe('((s.labels ->> $1) IS NULL OR (s.labels ->> $1) ~ $2)');
    expect(seriesFilter([m('job', '=~', 'api.+')]).where).toBe('(s.labels ->> $1) ~ $2');
    expect(seriesFilter([m('job', '!~', 'api.+')]).where).toBe(
      '((s.labels ->> $1) IS NULL OR (s.labels ->> $1) !~ $2)',
    );
    expect(seriesFilter([m('job', '!~', '.*')]).where).toBe('(s.labels ->> $1) !~ $2');
  });

  it('lifts a leading (?i) into a case-insensitive operator', () => {
    expect(seriesFilter([m('job', '=~', '(?i)API')])).toEqual({
      where: '(s.labels ->> $1) ~* $2',
      params: ['job', '^(?:API)$'],
    });
  });

  it('joins matchers with AND and numbers parameters from the given index', () => {
    const filter = seriesFilter([m('__name__', '=', 'up'), m('job', '=', 'api')], 3);
    expect(filter).toEqual({ where: 's.name = $3 AND s.labels @> $4::jsonb', params: ['up', '{"job":"api"}'] });
  });

  it('names the matcher of an invalid regex', () => {
    expect(() => seriesFilter([m('job', '=~', '(')])).toThrow(/job=~"\("/);
  });
});

describe('anchorRegex and matches (the reference semantics the SQL follows)', () => {
  it('anchors fully', () => {
    expect(matches(m('job', '=~', 'ap'), { job: 'api' })).toBe(false);
    expect(matches(m('job', '=~', 'ap.'), { job: 'api' })).toBe(true);
    expect(anchorRegex(m('job', '=~', 'a|b')).source).toBe('^(?:a|b)$');
  });

  it('treats a missing label as the empty string', () => {
    expect(matches(m('job', '=', ''), {})).toBe(true);
    expect(matches(m('job', '=~', '.*'), {})).toBe(true);
    expect(matches(m('job', '!~', '.+'), {})).toBe(true);
    expect(matches(m('job', '!=', 'api'), {})).toBe(true);
  });
});
