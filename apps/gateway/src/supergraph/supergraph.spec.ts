import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeSupergraph } from '@keel/graphql';

// The committed supergraph must be exactly what the committed subgraph SDLs compose to: this fails when a
// subgraph changed its schema.graphql without recomposing, or when the subgraphs no longer compose.
const root = join(__dirname, '..', '..', '..', '..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');

describe('committed supergraph', () => {
  const entries = JSON.parse(read('apps/gateway/subgraphs.json')) as Array<{
    name: string;
    schema: string;
    defaultUrl: string;
  }>;

  it('lists every subgraph once', () => {
    expect(new Set(entries.map((e) => e.name)).size).toBe(entries.length);
    expect(entries.map((e) => e.name)).toEqual(expect.arrayContaining(['identity', 'incidents']));
  });

  it('equals the composition of the committed subgraph SDLs (run `npm run graphql:schema` when this fails)', () => {
    const composed = composeSupergraph(entries.map((e) => ({ name: e.name, url: e.defaultUrl, sdl: read(e.schema) })));
    expect(read('apps/gateway/supergraph.graphql')).toBe(composed);
  });
});
