/** A PromQL label matcher; `__name__` matches the metric name. */
export type MatchType = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  name: string;
  type: MatchType;
  value: string;
}

export const METRIC_NAME_LABEL = '__name__';

/** A matcher's regular expression, fully anchored as Prometheus anchors it, with a leading `(?i)` lifted out. */
export interface AnchoredRegex {
  /** For PostgreSQL's ARE: `^(?:…)$`. */
  source: string;
  caseInsensitive: boolean;
  /** Whether the empty string matches: then a series without the label matches too (Prometheus semantics). */
  matchesEmpty: boolean;
}

export class InvalidMatcherError extends Error {
  constructor(matcher: LabelMatcher, reason: string) {
    super(`invalid matcher ${matcher.name}${matcher.type}${JSON.stringify(matcher.value)}: ${reason}`);
    this.name = 'InvalidMatcherError';
  }
}

export function anchorRegex(matcher: LabelMatcher): AnchoredRegex {
  const flags = /^\(\?i\)/.exec(matcher.value);
  const body = flags === null ? matcher.value : matcher.value.slice(flags[0].length);
  const source = `^(?:${body})$`;
  let probe: RegExp;
  try {
    probe = new RegExp(source, flags === null ? 'u' : 'iu');
  } catch (error) {
    throw new InvalidMatcherError(matcher, error instanceof Error ? error.message : String(error));
  }
  return { source, caseInsensitive: flags !== null, matchesEmpty: probe.test('') };
}

/** Whether a label set (with `__name__`) satisfies one matcher; a missing label counts as the empty string. */
export function matches(matcher: LabelMatcher, labels: Readonly<Record<string, string>>): boolean {
  const actual = labels[matcher.name] ?? '';
  switch (matcher.type) {
    case '=':
      return actual === matcher.value;
    case '!=':
      return actual !== matcher.value;
    case '=~':
    case '!~': {
      const regex = anchorRegex(matcher);
      const found = new RegExp(regex.source, regex.caseInsensitive ? 'iu' : 'u').test(actual);
      return matcher.type === '=~' ? found : !found;
    }
  }
}
