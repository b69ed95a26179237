import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';

export interface SubgraphSource {
  name: string;
  url: string;
  sdl: string;
}

/**
 * Composes subgraph SDLs into an Apollo Federation 2 supergraph with the MIT-licensed composition of The Guild.
 * Throws with every composition error, one per line, naming the subgraphs involved.
 */
export function composeSupergraph(subgraphs: SubgraphSource[]): string {
  const result = composeServices(
    subgraphs.map((subgraph) => ({ name: subgraph.name, url: subgraph.url, typeDefs: parse(subgraph.sdl) })),
  );
  if (result.errors && result.errors.length > 0) {
    throw new Error(
      `supergraph composition failed:\n${result.errors.map((error) => `  - ${error.message}`).join('\n')}`,
    );
  }
  if (!result.supergraphSdl) throw new Error('supergraph composition produced no SDL');
  return `# Composed from the subgraphs' committed schema.graphql by \`npm run graphql:schema\`. Do not edit.\n${result.supergraphSdl.trim()}\n`;
}

/**
 * Points a composed supergraph at other subgraph URLs (the committed supergraph names local defaults; a
 * deployment sets IDENTITY_URL, …). Throws when a named subgraph is not in the supergraph.
 */
export function withSubgraphUrls(supergraph: string, urls: Record<string, string>): string {
  let result = supergraph;
  for (const [name, url] of Object.entries(urls)) {
    const pattern = new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]*(")`);
    if (!pattern.test(result)) throw new Error(`subgraph ${name} is not part of the supergraph`);
    result = result.replace(pattern, `$1${url}$2`);
  }
  return result;
}
