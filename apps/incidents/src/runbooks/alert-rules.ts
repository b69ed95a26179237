// The alert rule names of a Prometheus `GET /api/v1/rules` answer (the alerting service speaks that format):
// `{ status: "success", data: { groups: [{ rules: [{ type: "alerting", name }] }] } }`. Recording rules are
// skipped. Pure: the HTTP call is in alert-rules.client.ts.

/** The distinct alerting rule names, sorted; throws an Error saying what is wrong with a malformed answer. */
export function alertRuleNamesOf(body: unknown): string[] {
  const envelope = body as { status?: unknown; error?: unknown; errorType?: unknown; data?: { groups?: unknown } };
  if (typeof envelope !== 'object' || envelope === null) throw new Error('not a Prometheus API answer');
  if (envelope.status !== 'success') {
    const error = typeof envelope.error === 'string' ? `: ${envelope.error}` : '';
    throw new Error(`status is ${JSON.stringify(envelope.status ?? null)}${error}`);
  }
  const groups = envelope.data?.groups;
  if (!Array.isArray(groups)) throw new Error('data.groups is not a list');
  const names = new Set<string>();
  groups.forEach((group: { rules?: unknown }, g) => {
    if (!Array.isArray(group?.rules)) throw new Error(`data.groups[${g}].rules is not a list`);
    group.rules.forEach((rule: { type?: unknown; name?: unknown }, r) => {
      if (rule?.type !== 'alerting') return;
      if (typeof rule.name !== 'string' || rule.name === '') {
        throw new Error(`data.groups[${g}].rules[${r}] has no name`);
      }
      names.add(rule.name);
    });
  });
  return [...names].sort();
}
