import type { Identity } from '@keel/auth';
import { auditTopic } from '@keel/contracts';
import { createKafkaClient, type KafkaClient } from '@keel/kafka';
import { eventually, statementsWhile, TEST_KAFKA_BROKERS, uniqueName } from '@keel/testing';
import type { Client } from 'pg';
import {
  byResource,
  listen,
  startIncidentsTestApp,
  testUser,
  type AuditEventReply,
  type GraphQLReply,
  type IncidentsTestApp,
} from '../test/incidents-test-env';

interface ActionItem {
  id: string;
  title: string;
  type: string;
  owner: { id: string } | null;
  dueDate: string | null;
  status: string;
  required: boolean;
  closedAt: string | null;
  overdue: boolean;
  version: number;
}

interface PostMortem {
  id: string;
  incidentId: string;
  title: string;
  status: string;
  owner: { id: string };
  reviewers: Array<{ id: string }>;
  summary: string;
  timeline: Array<{ at: string; description: string; milestone: string | null; sourceEntryId: string | null }>;
  impact: {
    severity: string;
    affectedServices: string[];
    milestones: { impactStartedAt: string | null; detectedAt: string | null; mitigatedAt: string | null };
    durations: { timeToDetectMs: number | null; timeToMitigateMs: number | null; impactDurationMs: number | null };
  };
  rootCauseAnalysis: string;
  contributingFactors: Array<{ category: string; label: string; description: string }>;
  wentWell: string[];
  wentWrong: string[];
  gotLucky: string[];
  actionItems: ActionItem[];
  history: Array<{ action: string; from: string | null; to: string; actorId: string }>;
  missingForReview: string[];
  version: number;
  createdById: string;
  publishedAt: string | null;
  publishedBy: { id: string } | null;
}

interface Incident {
  id: string;
  version: number;
  status: string;
}

const rita = testUser('u-rita', 'rita', ['responder']); // declares and responds
const carol = testUser('u-carol', 'carol', ['responder']); // incident commander, so the post-mortem's owner
const rob = testUser('u-rob', 'rob', ['responder']); // the reviewer
const ada = testUser('u-ada', 'ada', ['admin']);
const victor = testUser('u-victor', 'victor', ['viewer']);

const PM_FIELDS = `id incidentId title status owner { id } reviewers { id } summary
  timeline { at description milestone sourceEntryId }
  impact { severity affectedServices milestones { impactStartedAt detectedAt mitigatedAt }
           durations { timeToDetectMs timeToMitigateMs impactDurationMs } }
  rootCauseAnalysis contributingFactors { category label description } wentWell wentWrong gotLucky
  actionItems { id title type owner { id } dueDate status required closedAt overdue version }
  history { action from to actorId } missingForReview version createdById publishedAt publishedBy { id }`;
const ITEM_FIELDS = 'id title type owner { id } dueDate status required closedAt overdue version';

const q = (value: string): string => JSON.stringify(value);
const DAY = 86_400_000;
const day = (offsetDays: number): string => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

/** The value a test needs in order to go on; fails the test with `what` when it is missing. */
function present<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}`);
  return value;
}

describe('post-mortems (PostgreSQL, Kafka, HTTP)', () => {
  let env: IncidentsTestApp;
  let db: Client;
  let kafka: KafkaClient;
  let auditEvents: Awaited<ReturnType<typeof listen>>;
  let incidentId: string;
  let pmId: string;
  let handDrafted: string;
  const items: Record<'prevent' | 'detect' | 'process', string> = { prevent: '', detect: '', process: '' };
  const impactStartedAt = new Date(Date.now() - 40 * 60_000);
  const detectedAt = new Date(Date.now() - 30 * 60_000);

  const graphql = <T>(query: string, who?: Identity): Promise<GraphQLReply<T>> => env.graphql<T>(query, who);

  async function ok<T>(query: string, who: Identity): Promise<T> {
    const reply = await graphql<T>(query, who);
    expect(reply.errors).toBeUndefined();
    return present(reply.data, `data for ${query.slice(0, 60)}`);
  }

  async function incident(id: string): Promise<Incident> {
    return (await ok<{ incident: Incident }>(`{ incident(id: ${q(id)}) { id version status } }`, victor)).incident;
  }

  async function setStatus(id: string, status: string, who: Identity = rita): Promise<GraphQLReply<unknown>> {
    const { version } = await incident(id);
    return graphql(
      `mutation { setIncidentStatus(id: ${q(id)}, expectedVersion: ${version}, status: ${status}, reason: "via test") { status } }`,
      who,
    );
  }

  async function postMortem(id: string): Promise<PostMortem> {
    return (await ok<{ postMortem: PostMortem }>(`{ postMortem(id: ${q(id)}) { ${PM_FIELDS} } }`, victor)).postMortem;
  }

  async function declare(title: string, severity: string): Promise<string> {
    const data = await ok<{ declareIncident: Incident }>(
      `mutation { declareIncident(input: { title: ${q(title)}, severity: ${severity},
         description: "Checkout answered 502 for a share of requests.",
         impactStartedAt: "${impactStartedAt.toISOString()}", detectedAt: "${detectedAt.toISOString()}" }) { id } }`,
      rita,
    );
    return data.declareIncident.id;
  }

  beforeAll(async () => {
    env = await startIncidentsTestApp('incidents_postmortems');
    db = await env.database();
    kafka = createKafkaClient({ brokers: TEST_KAFKA_BROKERS, clientId: uniqueName('postmortems_int') });
    auditEvents = await listen(kafka, auditTopic);
  });

  afterAll(async () => {
    await kafka?.close();
    await env?.stop();
  });

  it('drafts the post-mortem of a P1 incident in the transaction that mitigates it, prefilled from the incident', async () => {
    incidentId = await declare('Checkout 502s after deploy', 'P1');
    const { version } = await incident(incidentId);
    await ok(
      `mutation { assignIncidentRole(id: ${q(incidentId)}, expectedVersion: ${version}, role: "incident_commander",
         userId: "u-carol") { id } }`,
      rita,
    );
    const note = await ok<{ addIncidentNote: { id: string } }>(
      `mutation { addIncidentNote(id: ${q(incidentId)}, text: "Rolled back checkout to 4.1", key: true) { id } }`,
      rita,
    );
    await ok(`mutation { addIncidentNote(id: ${q(incidentId)}, text: "Coffee break", key: false) { id } }`, rita);
    expect((await graphql(`{ incident(id: ${q(incidentId)}) { postMortem { id } } }`, victor)).data).toEqual({
      incident: { postMortem: null },
    });

    expect((await setStatus(incidentId, 'MITIGATED')).errors).toBeUndefined();

    const reply = await ok<{ incident: { postMortem: PostMortem | null } }>(
      `{ incident(id: ${q(incidentId)}) { postMortem { ${PM_FIELDS} } } }`,
      victor,
    );
    const draft = present(reply.incident.postMortem, 'the automatic draft');
    pmId = draft.id;
    expect(draft).toMatchObject({
      incidentId,
      title: 'Checkout 502s after deploy',
      status: 'DRAFT',
      owner: { id: 'u-carol' },
      reviewers: [],
      summary: 'Checkout answered 502 for a share of requests.',
      version: 1,
      createdById: 'u-rita',
      actionItems: [],
      history: [{ action: 'create', from: null, to: 'DRAFT', actorId: 'u-rita' }],
      publishedAt: null,
    });
    expect(draft.impact.severity).toBe('P1');
    expect(draft.impact.milestones).toMatchObject({
      impactStartedAt: impactStartedAt.toISOString(),
      detectedAt: detectedAt.toISOString(),
    });
    const mitigatedAt = Date.parse(present(draft.impact.milestones.mitigatedAt, 'mitigatedAt'));
    expect(draft.impact.durations.timeToDetectMs).toBe(10 * 60_000);
    expect(draft.impact.durations.timeToMitigateMs).toBe(mitigatedAt - detectedAt.getTime());
    expect(draft.impact.durations.impactDurationMs).toBe(mitigatedAt - impactStartedAt.getTime());
    // Milestones and key entries, in time order; the note that is not a key event stays out.
    const descriptions = draft.timeline.map((e) => e.description);
    expect(descriptions.slice(0, 2)).toEqual(['Impact started', 'Incident detected']);
    expect(descriptions).toContain('Rolled back checkout to 4.1');
    expect(descriptions).toContain('Impact mitigated');
    expect(descriptions).not.toContain('Coffee break');
    expect(draft.timeline.find((e) => e.description === 'Rolled back checkout to 4.1')?.sourceEntryId).toBe(
      note.addIncidentNote.id,
    );
    expect(draft.missingForReview).toEqual([
      'impact description is empty',
      'root cause analysis is empty',
      'no contributing factor is chosen',
      'no reviewer is assigned',
    ]);

    const rows = await db.query<{ status: string; version: number; owner_id: string }>(
      'SELECT status, version, owner_id FROM post_mortems WHERE incident_id = $1',
      [incidentId],
    );
    expect(rows.rows).toEqual([{ status: 'draft', version: 1, owner_id: 'u-carol' }]);
    const timeline = await ok<{ incident: { timeline: Array<{ kind: string; summary: string }> } }>(
      `{ incident(id: ${q(incidentId)}) { timeline { kind summary } } }`,
      victor,
    );
    expect(timeline.incident.timeline.filter((e) => e.kind === 'post_mortem')).toEqual([
      { kind: 'post_mortem', summary: 'Post-mortem "Checkout 502s after deploy" drafted automatically' },
    ]);

    // Resolving later does not draft a second one.
    expect((await setStatus(incidentId, 'RESOLVED')).errors).toBeUndefined();
    const count = await db.query('SELECT count(*)::int AS n FROM post_mortems WHERE incident_id = $1', [incidentId]);
    expect(count.rows[0]).toEqual({ n: 1 });
  });

  it('drafts by hand when the severity does not require it, and by the hooks when the severity is raised', async () => {
    const p2 = await declare('Slow search', 'P2');
    const early = await graphql(`mutation { createPostMortem(incidentId: ${q(p2)}) { id } }`, rita);
    expect(early.errors?.[0]).toMatchObject({
      message: `incident "${p2}" is neither mitigated nor resolved; its post-mortem is drafted at mitigation`,
      extensions: { code: 'BAD_USER_INPUT', reason: 'INCIDENT_NOT_MITIGATED' },
    });
    expect((await setStatus(p2, 'MITIGATED')).errors).toBeUndefined();
    expect(
      (await ok<{ incident: { postMortem: null } }>(`{ incident(id: ${q(p2)}) { postMortem { id } } }`, victor))
        .incident.postMortem,
    ).toBeNull();

    const refused = await graphql(`mutation { createPostMortem(incidentId: ${q(p2)}) { id } }`, victor);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const created = await ok<{ createPostMortem: PostMortem }>(
      `mutation { createPostMortem(incidentId: ${q(p2)}) { ${PM_FIELDS} } }`,
      rita,
    );
    expect(created.createPostMortem).toMatchObject({ status: 'DRAFT', owner: { id: 'u-rita' }, version: 1 });
    handDrafted = created.createPostMortem.id;
    const again = await graphql(`mutation { createPostMortem(incidentId: ${q(p2)}) { id } }`, rita);
    expect(again.errors?.[0]).toMatchObject({
      message: `incident ${p2} already has its post-mortem ${created.createPostMortem.id}; edit that one`,
      extensions: { code: 'CONFLICT', reason: 'POST_MORTEM_EXISTS' },
    });

    const p3 = await declare('Typo on the status page', 'P3');
    expect((await setStatus(p3, 'MITIGATED')).errors).toBeUndefined();
    const { version } = await incident(p3);
    await ok(
      `mutation { changeIncidentSeverity(id: ${q(p3)}, expectedVersion: ${version}, severity: P1, reason: "wrong prices shown") { id } }`,
      rita,
    );
    const raised = await ok<{ incident: { postMortem: { status: string; impact: { severity: string } } | null } }>(
      `{ incident(id: ${q(p3)}) { postMortem { status impact { severity } } } }`,
      victor,
    );
    expect(raised.incident.postMortem).toEqual({ status: 'DRAFT', impact: { severity: 'P1' } });
  });

  it('edits the draft at its version: sections, factors from the taxonomy, lessons, reviewers', async () => {
    const taxonomy = await ok<{ contributingFactorTaxonomy: Array<{ category: string; label: string }> }>(
      '{ contributingFactorTaxonomy { category label } }',
      victor,
    );
    expect(taxonomy.contributingFactorTaxonomy).toContainEqual({
      category: 'CONFIGURATION_CHANGE',
      label: 'Configuration change',
    });
    expect(taxonomy.contributingFactorTaxonomy.map((c) => c.category)).not.toContain('HUMAN_ERROR');

    const edited = await ok<{ updatePostMortem: PostMortem }>(
      `mutation { updatePostMortem(id: ${q(pmId)}, expectedVersion: 1, patch: {
         impactDescription: "About 4% of checkouts failed for 25 minutes."
         affectedServices: ["checkout-api", "checkout-api", "payments"]
         rootCauseAnalysis: "The new connection pool limit was lower than the batch job needed.\\n\\n# Details\\nThe limit came from a stale default."
         contributingFactors: [
           { category: CONFIGURATION_CHANGE, description: "Pool limit lowered in 4.2" },
           { category: MONITORING_GAP, description: "No alert on pool saturation" }
         ]
         wentWell: ["Rollback took 4 minutes"]
         wentWrong: ["The deploy had no canary"]
         gotLucky: ["It happened before the sale started"]
       }) { ${PM_FIELDS} } }`,
      rita,
    );
    const pm = edited.updatePostMortem;
    expect(pm.version).toBe(2);
    expect(pm.impact.affectedServices).toEqual(['checkout-api', 'payments']);
    expect(pm.contributingFactors).toEqual([
      { category: 'CONFIGURATION_CHANGE', label: 'Configuration change', description: 'Pool limit lowered in 4.2' },
      { category: 'MONITORING_GAP', label: 'Monitoring gap', description: 'No alert on pool saturation' },
    ]);
    expect(pm).toMatchObject({
      wentWell: ['Rollback took 4 minutes'],
      wentWrong: ['The deploy had no canary'],
      gotLucky: ['It happened before the sale started'],
    });
    expect(pm.missingForReview).toEqual(['no reviewer is assigned']);

    const stale = await graphql(
      `mutation { updatePostMortem(id: ${q(pmId)}, expectedVersion: 1, patch: { summary: "lost update" }) { id } }`,
      rita,
    );
    expect(stale.errors?.[0]).toMatchObject({
      message: `post-mortem ${pmId} was changed by someone else (expected version 1, current version 2); reload it and retry`,
      extensions: { code: 'CONFLICT', reason: 'POST_MORTEM_VERSION_CONFLICT', version: 2 },
    });
    const invalid = await graphql(
      `mutation { updatePostMortem(id: ${q(pmId)}, expectedVersion: 2, patch: { title: "x", affectedServices: ["Checkout API"] }) { id } }`,
      rita,
    );
    expect(invalid.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_POST_MORTEM_INPUT',
    });
    expect(invalid.errors?.[0]?.extensions?.issues?.map((i) => i.field)).toEqual(['title', 'affectedServices[0]']);
    // Reviewers are the owner's (or an admin's) choice, and never the owner.
    const notOwner = await graphql(
      `mutation { updatePostMortem(id: ${q(pmId)}, expectedVersion: 2, patch: { reviewerIds: ["u-rob"] }) { id } }`,
      rita,
    );
    expect(notOwner.errors?.[0]).toMatchObject({
      message: 'user "u-rita" may not assign_reviewers this post-mortem (allowed: role admin, the owner)',
      extensions: { code: 'FORBIDDEN', reason: 'POST_MORTEM_FORBIDDEN' },
    });
    const reviewers = await ok<{ updatePostMortem: PostMortem }>(
      `mutation { updatePostMortem(id: ${q(pmId)}, expectedVersion: 2, patch: { reviewerIds: ["u-rob"] }) { ${PM_FIELDS} } }`,
      carol,
    );
    expect(reviewers.updatePostMortem).toMatchObject({
      version: 3,
      reviewers: [{ id: 'u-rob' }],
      missingForReview: [],
    });
    expect((await postMortem(pmId)).rootCauseAnalysis).toContain('# Details');
  });

  it('adds typed action items with owner, due date and required flag; incomplete ones keep it from review', async () => {
    const add = async (version: number, input: string): Promise<PostMortem> =>
      (
        await ok<{ addActionItem: PostMortem }>(
          `mutation { addActionItem(postMortemId: ${q(pmId)}, expectedVersion: ${version}, input: { ${input} }) { ${PM_FIELDS} } }`,
          rita,
        )
      ).addActionItem;
    await add(
      3,
      `title: "Alert on connection pool saturation", type: DETECT, ownerId: "u-dave", dueDate: "${day(-3)}"`,
    );
    await add(
      4,
      `title: "Canary every checkout deploy", type: PREVENT, ownerId: "u-erin", dueDate: "${day(20)}", required: true`,
    );
    const pm = await add(5, 'title: "Review | pool defaults", type: PROCESS');
    expect(pm.version).toBe(6);
    expect(pm.actionItems.map((i) => [i.type, i.title, i.owner?.id ?? null, i.required, i.status, i.version])).toEqual([
      ['DETECT', 'Alert on connection pool saturation', 'u-dave', false, 'OPEN', 1],
      ['PREVENT', 'Canary every checkout deploy', 'u-erin', true, 'OPEN', 1],
      ['PROCESS', 'Review | pool defaults', null, false, 'OPEN', 1],
    ]);
    expect(pm.actionItems.map((i) => i.overdue)).toEqual([true, false, false]);
    [items.detect, items.prevent, items.process] = pm.actionItems.map((i) => i.id) as [string, string, string];
    expect(pm.missingForReview).toEqual([
      'action item "Review | pool defaults" has no owner',
      'action item "Review | pool defaults" has no due date',
    ]);

    const staleAdd = await graphql(
      `mutation { addActionItem(postMortemId: ${q(pmId)}, expectedVersion: 5, input: { title: "late", type: DETECT }) { id } }`,
      rita,
    );
    expect(staleAdd.errors?.[0]?.extensions).toMatchObject({ reason: 'POST_MORTEM_VERSION_CONFLICT', version: 6 });
    const badDate = await graphql(
      `mutation { addActionItem(postMortemId: ${q(pmId)}, expectedVersion: 6, input: { title: "x", type: DETECT, dueDate: "2026-02-30" }) { id } }`,
      rita,
    );
    expect(badDate.errors?.[0]?.message).toBe(
      'action item dueDate must be a calendar date YYYY-MM-DD, got "2026-02-30"',
    );

    const early = await graphql(
      `mutation { submitPostMortemForReview(id: ${q(pmId)}, expectedVersion: 6) { id } }`,
      carol,
    );
    expect(early.errors?.[0]).toMatchObject({
      message:
        'cannot submit_for_review: action item "Review | pool defaults" has no owner; ' +
        'action item "Review | pool defaults" has no due date',
      extensions: { code: 'BAD_USER_INPUT', reason: 'POST_MORTEM_INCOMPLETE' },
    });

    const fixed = await ok<{ updateActionItem: ActionItem }>(
      `mutation { updateActionItem(id: ${q(items.process)}, expectedVersion: 1, patch: { ownerId: "u-carol", dueDate: "${day(30)}" }) { ${ITEM_FIELDS} } }`,
      rita,
    );
    expect(fixed.updateActionItem).toMatchObject({ owner: { id: 'u-carol' }, dueDate: day(30), version: 2 });
    // Making a required item optional would lift a closing blocker: an admin's call.
    const optional = await graphql(
      `mutation { updateActionItem(id: ${q(items.prevent)}, expectedVersion: 1, patch: { required: false }) { id } }`,
      rita,
    );
    expect(optional.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'POST_MORTEM_FORBIDDEN' });
  });

  it('goes from draft through review to published; the owner may not publish; the timeline notes it', async () => {
    const byRita = await graphql(
      `mutation { submitPostMortemForReview(id: ${q(pmId)}, expectedVersion: 6) { id } }`,
      rita,
    );
    expect(byRita.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'POST_MORTEM_FORBIDDEN' });
    const submitted = await ok<{ submitPostMortemForReview: PostMortem }>(
      `mutation { submitPostMortemForReview(id: ${q(pmId)}, expectedVersion: 6) { ${PM_FIELDS} } }`,
      carol,
    );
    expect(submitted.submitPostMortemForReview).toMatchObject({ status: 'IN_REVIEW', version: 7 });

    const frozen = await graphql(
      `mutation { updatePostMortem(id: ${q(pmId)}, expectedVersion: 7, patch: { summary: "changed in review" }) { id } }`,
      rita,
    );
    expect(frozen.errors?.[0]).toMatchObject({
      message: 'a post-mortem in status in_review cannot be changed by edit_content (allowed in draft)',
      extensions: { reason: 'INVALID_POST_MORTEM_TRANSITION' },
    });
    const noReason = await graphql(
      `mutation { returnPostMortemToDraft(id: ${q(pmId)}, expectedVersion: 7, reason: "  ") { id } }`,
      rob,
    );
    expect(noReason.errors?.[0]?.message).toBe(
      'return_to_draft needs a reason: say what must change before the next review',
    );
    const byOwner = await graphql(`mutation { publishPostMortem(id: ${q(pmId)}, expectedVersion: 7) { id } }`, carol);
    expect(byOwner.errors?.[0]).toMatchObject({
      message: 'user "u-carol" owns this post-mortem and may not publish it; another reviewer or admin must',
      extensions: { code: 'FORBIDDEN', reason: 'POST_MORTEM_FORBIDDEN' },
    });
    const notReviewer = await graphql(
      `mutation { publishPostMortem(id: ${q(pmId)}, expectedVersion: 7) { id } }`,
      rita,
    );
    expect(notReviewer.errors?.[0]?.extensions?.reason).toBe('POST_MORTEM_FORBIDDEN');

    const published = await ok<{ publishPostMortem: PostMortem }>(
      `mutation { publishPostMortem(id: ${q(pmId)}, expectedVersion: 7) { ${PM_FIELDS} } }`,
      rob,
    );
    const pm = published.publishPostMortem;
    expect(pm).toMatchObject({ status: 'PUBLISHED', version: 8, publishedBy: { id: 'u-rob' } });
    expect(Date.now() - Date.parse(present(pm.publishedAt, 'publishedAt'))).toBeLessThan(60_000);
    expect(pm.history.map((h) => [h.action, h.from, h.to, h.actorId])).toEqual([
      ['create', null, 'DRAFT', 'u-rita'],
      ['submit_for_review', 'DRAFT', 'IN_REVIEW', 'u-carol'],
      ['publish', 'IN_REVIEW', 'PUBLISHED', 'u-rob'],
    ]);
    const timeline = await ok<{
      incident: { timeline: Array<{ kind: string; summary: string; actor: { id: string } }> };
    }>(`{ incident(id: ${q(incidentId)}) { timeline { kind summary actor { id } } } }`, victor);
    expect(
      timeline.incident.timeline.filter((e) => e.kind === 'post_mortem').map((e) => [e.summary, e.actor.id]),
    ).toEqual([
      ['Post-mortem "Checkout 502s after deploy" drafted automatically', 'u-rita'],
      ['Post-mortem "Checkout 502s after deploy" published', 'u-rob'],
    ]);

    const listed = await ok<{ postMortems: Array<{ id: string }> }>(
      '{ postMortems(status: PUBLISHED) { id } }',
      victor,
    );
    expect(listed.postMortems).toEqual([{ id: pmId }]);
    const drafts = await ok<{ postMortems: Array<{ id: string }> }>('{ postMortems(status: DRAFT) { id } }', victor);
    expect(drafts.postMortems.map((p) => p.id)).not.toContain(pmId);
    expect(drafts.postMortems).toHaveLength(2);
  });

  it('exports a Markdown document that reads well', async () => {
    const { postMortemMarkdown: md } = await ok<{ postMortemMarkdown: string }>(
      `{ postMortemMarkdown(id: ${q(pmId)}) }`,
      victor,
    );
    const pm = await postMortem(pmId);
    const headings = md.split('\n').filter((line) => line.startsWith('#'));
    expect(headings).toEqual([
      '# Post-mortem: Checkout 502s after deploy',
      '## Summary',
      '## Impact',
      '## Timeline',
      '## Linked alerts',
      '## Root cause analysis',
      '### Details', // the authors' own heading, nested under its section
      '### Contributing factors',
      '## Resolution',
      '### Effectiveness',
      '## Lessons learned',
      '### What went well',
      '### What went wrong',
      '### Where we got lucky',
      '## Prevention',
      '### Recommendations',
      '### Action items',
    ]);
    expect(md).toContain(`- **Status:** Published ${present(pm.publishedAt, 'publishedAt').slice(0, 19)}Z`);
    expect(md).toContain('- **Severity:** P1 (High)');
    expect(md).toContain('- **Services:** checkout-api, payments');
    expect(md).toContain('- **Owner:** u-carol\n- **Reviewers:** u-rob');
    expect(md).toContain('## Summary\n\nCheckout answered 502 for a share of requests.');
    expect(md).toContain('| Time to detect | 10 min |');
    expect(md).toContain(`| ${impactStartedAt.toISOString().slice(0, 19)}Z | Impact started |`);
    expect(md).toContain('| Category | Details |\n| --- | --- |\n| Configuration change | Pool limit lowered in 4.2 |');
    expect(md).toContain('| Monitoring gap | No alert on pool saturation |');
    expect(md).toContain('### What went well\n\n- Rollback took 4 minutes');
    expect(md).toContain('### Where we got lucky\n\n- It happened before the sale started');
    expect(md).toContain(
      [
        '| Type | Action | Owner | Due | Status | Required |',
        '| --- | --- | --- | --- | --- | --- |',
        `| Detect | Alert on connection pool saturation | u-dave | ${day(-3)} | Open | No |`,
        `| Prevent | Canary every checkout deploy | u-erin | ${day(20)} | Open | Yes |`,
        `| Process | Review \\| pool defaults | u-carol | ${day(30)} | Open | No |`,
      ].join('\n'),
    );
    expect(md.endsWith('\n')).toBe(true);
    const field = await ok<{ postMortem: { markdown: string } }>(`{ postMortem(id: ${q(pmId)}) { markdown } }`, victor);
    expect(field.postMortem.markdown).toBe(md);
  });

  it('lists overdue action items and follows them up after publication, at their own version', async () => {
    const overdue = async (): Promise<ActionItem[]> =>
      (await ok<{ overdueActionItems: ActionItem[] }>(`{ overdueActionItems { ${ITEM_FIELDS} } }`, victor))
        .overdueActionItems;
    expect((await overdue()).map((i) => [i.id, i.dueDate, i.overdue])).toEqual([[items.detect, day(-3), true]]);

    const stale = await graphql(
      `mutation { completeActionItem(id: ${q(items.detect)}, expectedVersion: 2) { id } }`,
      rita,
    );
    expect(stale.errors?.[0]).toMatchObject({
      message: `action item ${items.detect} was changed by someone else (expected version 2, current version 1); reload it and retry`,
      extensions: { code: 'CONFLICT', reason: 'ACTION_ITEM_VERSION_CONFLICT', version: 1 },
    });
    const viewerRefused = await graphql(
      `mutation { completeActionItem(id: ${q(items.detect)}, expectedVersion: 1) { id } }`,
      victor,
    );
    expect(viewerRefused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const done = await ok<{ completeActionItem: ActionItem }>(
      `mutation { completeActionItem(id: ${q(items.detect)}, expectedVersion: 1, note: "Alert PoolSaturation added") { ${ITEM_FIELDS} } }`,
      rita,
    );
    expect(done.completeActionItem).toMatchObject({ status: 'DONE', overdue: false, version: 2 });
    expect(Date.now() - Date.parse(present(done.completeActionItem.closedAt, 'closedAt'))).toBeLessThan(60_000);
    expect(await overdue()).toEqual([]);

    const wontDo = await graphql(
      `mutation { updateActionItem(id: ${q(items.process)}, expectedVersion: 2, patch: { status: WONT_DO }) { id } }`,
      rita,
    );
    expect(wontDo.errors?.[0]?.message).toBe(
      'action item "Review | pool defaults" can only become wont_do with a reason',
    );
    const dropped = await ok<{ updateActionItem: ActionItem }>(
      `mutation { updateActionItem(id: ${q(items.process)}, expectedVersion: 2, patch: { status: WONT_DO, statusReason: "Defaults are now linted" }) { ${ITEM_FIELDS} } }`,
      rita,
    );
    expect(dropped.updateActionItem).toMatchObject({ status: 'WONT_DO', version: 3 });
    const stored = await db.query(
      'SELECT type, status, due_date::text AS due, required, closed_at IS NOT NULL AS closed FROM action_items WHERE post_mortem_id = $1 ORDER BY position',
      [pmId],
    );
    expect(stored.rows).toEqual([
      { type: 'detect', status: 'done', due: day(-3), required: false, closed: true },
      { type: 'prevent', status: 'open', due: day(20), required: true, closed: false },
      { type: 'process', status: 'wont_do', due: day(30), required: false, closed: true },
    ]);
  });

  it('keeps the incident from closing while a required action item is open', async () => {
    const blocked = await setStatus(incidentId, 'CLOSED');
    expect(blocked.errors?.[0]?.extensions?.reason).toBe('INCIDENT_CLOSING_BLOCKED');
    expect(blocked.errors?.[0]?.message).toContain(
      `required action item "Canary every checkout deploy" is open (owner u-erin, due ${day(20)})`,
    );
    expect(blocked.errors?.[0]?.message).not.toContain('post-mortem');
    expect((await incident(incidentId)).status).toBe('RESOLVED');

    await ok(`mutation { completeActionItem(id: ${q(items.prevent)}, expectedVersion: 1) { id } }`, rita);
    expect((await setStatus(incidentId, 'CLOSED')).errors).toBeUndefined();
    expect((await incident(incidentId)).status).toBe('CLOSED');
  });

  it('names a required post-mortem that is not published as a closing blocker; an admin may override', async () => {
    const other = await declare('Card payments declined', 'P0');
    expect((await setStatus(other, 'RESOLVED')).errors).toBeUndefined();
    const blocked = await setStatus(other, 'CLOSED');
    expect(blocked.errors?.[0]?.message).toContain('the post-mortem "Card payments declined" is draft, not published');
    const { version } = await incident(other);
    const closed = await graphql<{ closeIncident: { status: string } }>(
      `mutation { closeIncident(id: ${q(other)}, expectedVersion: ${version}, overrideReason: "Handled in the payments review") { status } }`,
      ada,
    );
    expect(closed.errors).toBeUndefined();
    expect(closed.data?.closeIncident.status).toBe('CLOSED');
  });

  it('answers NOT_FOUND for unknown ids and refuses a viewer every mutation', async () => {
    const missing = await graphql('{ postMortem(id: "00000000-0000-4000-8000-000000000000") { id } }', victor);
    expect(missing.errors?.[0]).toMatchObject({
      message: 'post-mortem 00000000-0000-4000-8000-000000000000 does not exist',
      extensions: { code: 'NOT_FOUND', reason: 'POST_MORTEM_NOT_FOUND' },
    });
    const unknownItem = await graphql(
      'mutation { completeActionItem(id: "00000000-0000-4000-8000-000000000000", expectedVersion: 1) { id } }',
      rita,
    );
    expect(unknownItem.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'ACTION_ITEM_NOT_FOUND' });
    for (const mutation of [
      `updatePostMortem(id: ${q(pmId)}, expectedVersion: 8, patch: { summary: "x" }) { id }`,
      `submitPostMortemForReview(id: ${q(pmId)}, expectedVersion: 8) { id }`,
      `publishPostMortem(id: ${q(pmId)}, expectedVersion: 8) { id }`,
      `returnPostMortemToDraft(id: ${q(pmId)}, expectedVersion: 8, reason: "x") { id }`,
      `addActionItem(postMortemId: ${q(pmId)}, expectedVersion: 8, input: { title: "x", type: DETECT }) { id }`,
      `updateActionItem(id: ${q(items.prevent)}, expectedVersion: 2, patch: { title: "x" }) { id }`,
    ]) {
      const reply = await graphql(`mutation { ${mutation} }`, victor);
      expect([mutation, reply.errors?.[0]?.extensions?.code]).toEqual([mutation, 'FORBIDDEN']);
    }
  });

  it('audits every successful post-mortem and action item mutation with its actor', async () => {
    const pm = `post_mortem:${pmId}`;
    const item = (id: string): string => `action_item:${id}`;
    // In the order of the mutations.
    const expected: Array<[string, string, string]> = [
      ['incidents.create_post_mortem', 'u-rita', `post_mortem:${handDrafted}`],
      ['incidents.update_post_mortem', 'u-rita', pm],
      ['incidents.update_post_mortem', 'u-carol', pm],
      ['incidents.add_action_item', 'u-rita', pm],
      ['incidents.add_action_item', 'u-rita', pm],
      ['incidents.add_action_item', 'u-rita', pm],
      ['incidents.update_action_item', 'u-rita', item(items.process)],
      ['incidents.submit_post_mortem_for_review', 'u-carol', pm],
      ['incidents.publish_post_mortem', 'u-rob', pm],
      ['incidents.complete_action_item', 'u-rita', item(items.detect)],
      ['incidents.update_action_item', 'u-rita', item(items.process)],
      ['incidents.complete_action_item', 'u-rita', item(items.prevent)],
    ];
    // Only this file's: another file's app drafts post-mortems too.
    const successes = (): AuditEventReply[] =>
      env
        .auditsSentHere(auditEvents.messages)
        .filter((e) => e.outcome === 'success' && ['post_mortem', 'action_item'].includes(e.resource.type));
    await eventually(() => (successes().length >= expected.length ? true : undefined), {
      timeoutMs: 15_000,
      intervalMs: 100,
      what: 'the audit events of the post-mortem mutations',
    });
    // keel.audit.v1 is keyed by resource: each resource's events keep their order, but these five resources may
    // be on different partitions, consumed in another order between them than the mutations'.
    const events = successes().map((e) => [e.action, e.actor.id, `${e.resource.type}:${e.resource.id ?? ''}`]);
    const resourceOf = (row: string[]): string => row[2] ?? '';
    expect(byResource(events, resourceOf)).toEqual(byResource(expected, resourceOf));
  });

  /** The statements about post-mortems the app sent while `work` ran. */
  const postMortemStatements = <T>(work: () => Promise<T>) =>
    statementsWhile(env.app, /\b(post_mortems|action_items)\b/, work);

  it('reads the post-mortems of a whole list of incidents in two statements, answering as for each incident alone', async () => {
    const without = await declare('Search reindex lagging', 'P3');
    const fields = `id postMortem { ${PM_FIELDS} }`;
    type Listed = { id: string; postMortem: PostMortem | null };
    const one = await postMortemStatements(() =>
      ok<{ incident: Listed }>(`{ incident(id: ${q(incidentId)}) { ${fields} } }`, victor),
    );
    expect(one.statements).toHaveLength(2);
    const list = await postMortemStatements(() =>
      ok<{ incidents: Listed[] }>(`{ incidents(first: 50) { ${fields} } }`, victor),
    );
    expect(list.statements).toHaveLength(2);

    const listed = list.result.incidents;
    expect(listed).toHaveLength(5);
    // Published with its action items, drafts without any, and an incident that has none.
    expect(listed.find((i) => i.id === incidentId)).toEqual(one.result.incident);
    expect(one.result.incident.postMortem?.actionItems.map((a) => a.id)).toEqual([
      items.detect,
      items.prevent,
      items.process,
    ]);
    expect(listed.find((i) => i.id === without)?.postMortem).toBeNull();
    expect(listed.map((i) => i.postMortem?.status ?? null).sort()).toEqual([
      'DRAFT',
      'DRAFT',
      'DRAFT',
      'PUBLISHED',
      null,
    ]);
    for (const incident of listed) {
      expect(incident.postMortem?.incidentId ?? incident.id).toBe(incident.id);
      const alone = await ok<{ incident: Listed }>(`{ incident(id: ${q(incident.id)}) { ${fields} } }`, victor);
      expect(alone.incident).toEqual(incident);
    }
  });
});
