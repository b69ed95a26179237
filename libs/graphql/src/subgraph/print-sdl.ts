import type { INestApplicationContext } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSubgraphSchema } from '@apollo/subgraph';

/** The subgraph SDL of a booted Nest app, as committed in `apps/<service>/schema.graphql`. */
export function printSubgraphSdl(app: INestApplicationContext): string {
  const { schema } = app.get(GraphQLSchemaHost);
  return `# Generated from the code-first resolvers by \`npm run graphql:schema\`. Do not edit.\n${printSubgraphSchema(schema).trim()}\n`;
}
