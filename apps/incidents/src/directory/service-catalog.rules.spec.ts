import { checkServiceFields, MAX_DISPLAY_NAME, MAX_OWNER_TEAM, serviceNameIssues } from './service-catalog.rules';
import type { ServiceTier } from './service-catalog.rules';

describe('service catalog rules', () => {
  it.each(['checkout', 'checkout-api', 'a', 'svc.v2_x', '0day', 'x'.repeat(63)])('accepts the name %p', (name) => {
    expect(serviceNameIssues(name)).toEqual([]);
  });

  it.each(['', 'Checkout', '-api', 'check out', 'x'.repeat(64), 'café'])('refuses the name %p, naming it', (name) => {
    const issues = serviceNameIssues(name);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.field).toBe('name');
    expect(issues[0]?.message).toContain(`got "${name}"`);
  });

  it('trims the fields, turns a blank owner team into none and keeps absent fields absent', () => {
    expect(
      checkServiceFields({ displayName: '  Checkout API ', ownerTeam: '  ', description: ' Takes orders ' }),
    ).toEqual({
      ok: true,
      fields: { displayName: 'Checkout API', ownerTeam: null, description: 'Takes orders' },
    });
    expect(checkServiceFields({ tier: 'tier_2' })).toEqual({ ok: true, fields: { tier: 'tier_2' } });
    expect(checkServiceFields({ tier: null, ownerTeam: null })).toEqual({
      ok: true,
      fields: { tier: null, ownerTeam: null },
    });
    expect(checkServiceFields({})).toEqual({ ok: true, fields: {} });
  });

  it('lists every bad field at once, each message starting with its field', () => {
    const checked = checkServiceFields({
      displayName: ' ',
      ownerTeam: 't'.repeat(MAX_OWNER_TEAM + 1),
      tier: 'gold' as ServiceTier,
    });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.issues.map((i) => i.field)).toEqual(['displayName', 'ownerTeam', 'tier']);
    for (const found of checked.issues) expect(found.message.startsWith(found.field)).toBe(true);
    expect(checked.issues[0]?.message).toBe(`displayName must have 1 to ${MAX_DISPLAY_NAME} characters, got 0`);
    expect(checked.issues[2]?.message).toContain('tier_1, tier_2, tier_3');
  });
});
