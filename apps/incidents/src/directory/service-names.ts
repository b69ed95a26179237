// Pure helpers of the service catalog: the refusal of unknown names, with a "did you mean" when one is close.

/** Levenshtein distance (insert, delete, substitute; each costs 1), two rows of the table at a time. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** How far a known name may be from a typo to be suggested: 1 edit for short names, up to 3 for long ones. */
export function suggestionReach(name: string): number {
  return Math.min(3, Math.max(1, Math.floor(name.length / 4)));
}

/**
 * The known name closest to `name` within `suggestionReach`, or null. Ties go to the alphabetically first, so the
 * answer does not depend on the order of `known`.
 */
export function closestName(name: string, known: Iterable<string>): string | null {
  const reach = suggestionReach(name);
  let best: { name: string; distance: number } | null = null;
  for (const candidate of known) {
    // Lengths further apart than the reach cannot be within it.
    if (Math.abs(candidate.length - name.length) > reach) continue;
    const distance = editDistance(name, candidate);
    if (distance > reach) continue;
    if (!best || distance < best.distance || (distance === best.distance && candidate < best.name)) {
      best = { name: candidate, distance };
    }
  }
  return best?.name ?? null;
}

/** Names in first-seen order without repeats. */
export function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** `unknown service "x" (did you mean "y"?)`, one clause per name, joined with "; ". */
export function unknownServicesMessage(unknown: ReadonlyArray<{ name: string; suggestion: string | null }>): string {
  return unknown
    .map(({ name, suggestion }) =>
      suggestion === null ? `unknown service "${name}"` : `unknown service "${name}" (did you mean "${suggestion}"?)`,
    )
    .join('; ');
}
