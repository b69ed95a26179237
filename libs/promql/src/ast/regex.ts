import { compileAnchoredGoRegex } from './go-regex';

/**
 * Compiles a regex of PromQL (matchers, label_replace) as Prometheus does, `^(?s:<re>)$`: anchored, and "."
 * matches newlines. Throws with Go's wording when the regex is invalid.
 */
export function compileAnchoredRegex(source: string): RegExp {
  return compileAnchoredGoRegex(source, { dotAll: true });
}
