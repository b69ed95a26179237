import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage } from 'node:http';
import type { RequestMethod } from '@nestjs/common';
import type { AbstractHttpAdapter } from '@nestjs/core';

/** Per request: the route pattern of the Nest handler that served it, once the router picked one. */
export interface RouteState {
  route?: string;
}

const routes = new AsyncLocalStorage<RouteState>();

/** Runs the rest of the request with a place for the router to write the route pattern into. */
export function trackRoute(state: RouteState, next: () => void): void {
  routes.run(state, next);
}

/**
 * Asks Nest's router to report the declared path (`/api/v1/things/:id`) of each handler it runs.
 * Must happen before app.init(), when the routes are registered. A callback set by someone else is kept.
 */
export function reportTriggeredRoutes(adapter: AbstractHttpAdapter): void {
  const previous = adapter.getOnRouteTriggered();
  adapter.setOnRouteTriggered((method: RequestMethod, path: string) => {
    previous?.(method, path);
    const state = routes.getStore();
    if (state) {
      state.route = path.startsWith('/') ? path : `/${path}`;
    }
  });
}

/** Requests no Nest route or mounted app answered (404s, requests refused by a middleware). */
export const UNMATCHED_ROUTE = 'unmatched';

/** Apollo's endpoint: mounted with app.use(), outside Nest's router, so no route is ever triggered for it. */
export const DEFAULT_MOUNTED_PATHS: readonly string[] = ['/graphql'];

/**
 * The route PATTERN that served the request, never the raw URL, so the label's cardinality stays
 * bounded: the declared path of the Nest route; for an app mounted outside Nest's router (GraphQL),
 * its mount path; `unmatched` otherwise (404s, requests refused before routing).
 */
export function routeLabel(
  req: IncomingMessage,
  state: RouteState,
  mountedPaths: readonly string[] = DEFAULT_MOUNTED_PATHS,
): string {
  if (state.route) {
    return state.route;
  }
  const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '';
  const path = url.split('?', 1)[0] ?? '';
  const mounted = mountedPaths.find((mount) => path === mount || path.startsWith(`${mount}/`));
  return mounted ?? UNMATCHED_ROUTE;
}
