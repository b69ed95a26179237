import { composeSupergraph, withSubgraphUrls } from './compose';

const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])';
const users = {
  name: 'users',
  url: 'http://127.0.0.1:1/graphql',
  sdl: `${link}\ntype Query { me: User }\ntype User @key(fields: "id") { id: ID! name: String! }`,
};
const posts = {
  name: 'posts',
  url: 'http://127.0.0.1:2/graphql',
  sdl: `${link}\ntype Query { posts: [Post!]! }\ntype Post { id: ID! author: User! }\ntype User @key(fields: "id") { id: ID! }`,
};

describe('composeSupergraph', () => {
  it('composes two subgraphs and names them with their URLs', () => {
    const supergraph = composeSupergraph([users, posts]);
    expect(supergraph).toContain('@join__graph(name: "users", url: "http://127.0.0.1:1/graphql")');
    expect(supergraph).toContain('type Post');
  });

  it('lists composition errors', () => {
    const clash = { name: 'clash', url: 'http://127.0.0.1:3/graphql', sdl: `${link}\ntype Query { me: Int }` };
    expect(() => composeSupergraph([users, clash])).toThrow(/supergraph composition failed:\n {2}- .*me/s);
  });
});

describe('withSubgraphUrls', () => {
  it('replaces a subgraph URL and refuses an unknown subgraph', () => {
    const supergraph = composeSupergraph([users, posts]);
    const moved = withSubgraphUrls(supergraph, { users: 'http://identity:4101/graphql' });
    expect(moved).toContain('@join__graph(name: "users", url: "http://identity:4101/graphql")');
    expect(moved).toContain('@join__graph(name: "posts", url: "http://127.0.0.1:2/graphql")');
    expect(() => withSubgraphUrls(supergraph, { nope: 'http://x' })).toThrow(
      'subgraph nope is not part of the supergraph',
    );
  });
});
