// Composes apps/gateway/supergraph.graphql from each subgraph's committed schema.graphql (listed in
// apps/gateway/subgraphs.json). With --check it fails instead of writing when the committed supergraph is stale
// or composition breaks. Run by `npm run graphql:schema` after every subgraph has printed its SDL.
import { readFileSync, writeFileSync } from 'node:fs';
import { composeSupergraph } from '@keel/graphql';

interface SubgraphEntry {
  name: string;
  schema: string;
  defaultUrl: string;
}

const SUPERGRAPH = 'apps/gateway/supergraph.graphql';
const entries = JSON.parse(readFileSync('apps/gateway/subgraphs.json', 'utf8')) as SubgraphEntry[];
const check = process.argv.includes('--check');

let supergraph: string;
try {
  supergraph = composeSupergraph(
    entries.map((e) => ({ name: e.name, url: e.defaultUrl, sdl: readFileSync(e.schema, 'utf8') })),
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
const committed = (() => {
  try {
    return readFileSync(SUPERGRAPH, 'utf8');
  } catch {
    return '';
  }
})();
if (check) {
  if (committed !== supergraph) {
    console.error(`${SUPERGRAPH} is stale: run \`npm run graphql:schema\` and commit it`);
    process.exit(1);
  }
  console.log(`${SUPERGRAPH} is up to date`);
} else {
  writeFileSync(SUPERGRAPH, supergraph);
  console.log(
    `${committed === supergraph ? 'unchanged' : 'wrote'} ${SUPERGRAPH} (${entries.map((e) => e.name).join(', ')})`,
  );
}
