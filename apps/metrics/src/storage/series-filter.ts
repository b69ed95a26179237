import { anchorRegex, METRIC_NAME_LABEL, type LabelMatcher } from './label-matcher';

export interface SqlFilter {
  /** A boolean SQL expression over `s.name` and `s.labels` of `series s`. */
  where: string;
  params: unknown[];
}

/**
 * Translates matchers into a WHERE clause over `series s` with Prometheus semantics. Labels are stored without
 * empty values, so "label = ''" means the key is absent; equality uses jsonb containment (`@>`), which the GIN
 * index on labels serves. Values always travel as parameters, numbered from `firstParam`.
 */
export function seriesFilter(matchers: readonly LabelMatcher[], firstParam = 1): SqlFilter {
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${firstParam + params.length - 1}`;
  };
  const clauses = matchers.map((matcher) =>
    matcher.name === METRIC_NAME_LABEL ? nameClause(matcher, param) : labelClause(matcher, param),
  );
  return { where: clauses.length === 0 ? 'TRUE' : clauses.join(' AND '), params };
}

type Param = (value: unknown) => string;

function nameClause(matcher: LabelMatcher, param: Param): string {
  switch (matcher.type) {
    case '=':
      return matcher.value === '' ? 'FALSE' : `s.name = ${param(matcher.value)}`;
    case '!=':
      return matcher.value === '' ? 'TRUE' : `s.name <> ${param(matcher.value)}`;
    case '=~':
    case '!~': {
      const regex = anchorRegex(matcher);
      const operator = regexOperator(matcher.type, regex.caseInsensitive);
      return `s.name ${operator} ${param(regex.source)}`;
    }
  }
}

function labelClause(matcher: LabelMatcher, param: Param): string {
  switch (matcher.type) {
    case '=':
      return matcher.value === ''
        ? `NOT (s.labels ? ${param(matcher.name)})`
        : `s.labels @> ${param(JSON.stringify({ [matcher.name]: matcher.value }))}::jsonb`;
    case '!=':
      return matcher.value === ''
        ? `s.labels ? ${param(matcher.name)}`
        : `(s.labels ->> ${param(matcher.name)}) IS DISTINCT FROM ${param(matcher.value)}`;
    case '=~':
    case '!~': {
      const regex = anchorRegex(matcher);
      const value = `(s.labels ->> ${param(matcher.name)})`;
      const test = `${value} ${regexOperator(matcher.type, regex.caseInsensitive)} ${param(regex.source)}`;
      // A missing label is the empty string: it matches =~ (and fails !~) exactly when the regex matches ''.
      // NULL ~ x is NULL, i.e. not matched, so only one of the two cases needs the explicit IS NULL.
      const missingMatches = matcher.type === '=~' ? regex.matchesEmpty : !regex.matchesEmpty;
      return missingMatches ? `(${value} IS NULL OR ${test})` : test;
    }
  }
}

function regexOperator(type: '=~' | '!~', caseInsensitive: boolean): string {
  return (type === '=~' ? '~' : '!~') + (caseInsensitive ? '*' : '');
}
