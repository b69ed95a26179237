import type { LabelMatcher } from '../ast/ast';
import { compileAnchoredRegex } from '../ast/regex';
import type { Labels } from './types';

/** Whether one label value (empty when the label is absent) satisfies a matcher. */
export function matchesValue(matcher: LabelMatcher, value: string): boolean {
  switch (matcher.type) {
    case '=':
      return value === matcher.value;
    case '!=':
      return value !== matcher.value;
    case '=~':
      return compileAnchoredRegex(matcher.value).test(value);
    case '!~':
      return !compileAnchoredRegex(matcher.value).test(value);
  }
}

export function matchesAll(matchers: readonly LabelMatcher[], labels: Labels): boolean {
  return matchers.every((m) => matchesValue(m, labels[m.name] ?? ''));
}
