import { fromStored, toDocument } from './post-mortem.document';
import { aPostMortem, anActionItem, at } from './testing/post-mortem.factory';

describe('post-mortem document', () => {
  it('survives a JSON round trip with its instants as Dates, the action items coming from their table', () => {
    const postMortem = aPostMortem({
      linkedAlerts: [
        {
          fingerprint: 'f1',
          ruleName: 'HighErrorRate',
          summary: null,
          firedAt: at('2026-07-01T09:59:00Z'),
          resolvedAt: null,
        },
      ],
      resolution: {
        actions: [
          { description: 'Rolled back', takenAt: at('2026-07-01T10:20:00Z'), actorId: 'u-bob', outcome: 'effective' },
        ],
        effectiveness: 'It worked.',
      },
    });
    const document = toDocument(postMortem);
    expect(document).not.toHaveProperty('status');
    expect(document.prevention).toEqual({ recommendations: [] });
    const stored = JSON.parse(JSON.stringify(document)) as typeof document;
    const { id, incidentId, status, ownerId, createdAt, updatedAt, publishedAt } = postMortem;
    const items = [anActionItem()];
    expect(fromStored({ id, incidentId, status, ownerId, createdAt, updatedAt, publishedAt }, stored, items)).toEqual({
      ...postMortem,
      prevention: { recommendations: [], actionItems: items },
    });
  });
});
