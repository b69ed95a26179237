import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { routeLabel, UNMATCHED_ROUTE } from './route-tracking';

function request(url: string, extra: { originalUrl?: string; baseUrl?: string } = {}): IncomingMessage {
  return Object.assign(new IncomingMessage(new Socket()), { url }, extra);
}

describe('routeLabel', () => {
  it('is the route pattern the router reported, not the URL', () => {
    expect(routeLabel(request('/api/v1/things/123?x=1'), { route: '/api/v1/things/:id' })).toBe('/api/v1/things/:id');
  });

  it('is the mount path for requests to an app mounted outside the router, such as GraphQL', () => {
    expect(routeLabel(request('/', { originalUrl: '/graphql?op=x', baseUrl: '/graphql' }), {})).toBe('/graphql');
    expect(routeLabel(request('/graphql/ws'), {})).toBe('/graphql');
    expect(routeLabel(request('/api/v1/graphql'), {}, ['/api/v1/graphql'])).toBe('/api/v1/graphql');
  });

  it('is "unmatched" for everything else, whatever the URL', () => {
    expect(routeLabel(request('/no/such/thing/123'), {})).toBe(UNMATCHED_ROUTE);
    expect(routeLabel(request('/graphqlx'), {})).toBe(UNMATCHED_ROUTE);
    expect(routeLabel(request('/api/v1/nope', { baseUrl: '/api/v1' }), {})).toBe(UNMATCHED_ROUTE);
  });
});
