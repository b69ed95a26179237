// Alertmanager's routing tree (dispatch/route.go): options inherited from the parent, matchers built from
// match / match_re / matchers and sorted, depth-first matching with `continue`, route keys and ids.
import type { RouteConfig } from '../config/config.types';
import { formatLabelSet, setLabel, type LabelSet } from '../labels/label-set';
import { formatMatchers, matchesLabels, newMatcher, sortMatchers, type Matcher } from '../matchers/matcher';

export interface RouteOptions {
  receiver: string;
  groupBy: ReadonlySet<string>;
  groupByAll: boolean;
  groupWaitMs: number;
  groupIntervalMs: number;
  repeatIntervalMs: number;
}

/** DefaultRouteOpts: what the root route inherits. */
export const DEFAULT_ROUTE_OPTIONS: RouteOptions = {
  receiver: '',
  groupBy: new Set(),
  groupByAll: false,
  groupWaitMs: 30_000,
  groupIntervalMs: 5 * 60_000,
  repeatIntervalMs: 4 * 3_600_000,
};

export class Route {
  readonly routes: Route[];
  /** When true, matching goes on with the next sibling after this route matched. */
  readonly continue: boolean;
  private cachedKey: string | undefined;

  private constructor(
    readonly parent: Route | undefined,
    readonly options: RouteOptions,
    readonly matchers: readonly Matcher[],
    continueMatching: boolean,
    children: readonly RouteConfig[],
  ) {
    this.continue = continueMatching;
    this.routes = children.map((c) => Route.fromConfig(c, this));
  }

  /** NewRoute: builds the (sub)tree, each node starting from its parent's options (the defaults for the root). */
  static fromConfig(config: RouteConfig, parent?: Route): Route {
    const base = parent?.options ?? DEFAULT_ROUTE_OPTIONS;
    const options: RouteOptions = { ...base };
    if (config.receiver) {
      options.receiver = config.receiver;
    }
    if (config.groupBy !== undefined) {
      options.groupBy = new Set(config.groupBy);
      options.groupByAll = false;
    } else if (config.groupByAll) {
      options.groupByAll = true;
    }
    if (config.groupWaitMs !== undefined) {
      options.groupWaitMs = config.groupWaitMs;
    }
    if (config.groupIntervalMs !== undefined) {
      options.groupIntervalMs = config.groupIntervalMs;
    }
    if (config.repeatIntervalMs !== undefined) {
      options.repeatIntervalMs = config.repeatIntervalMs;
    }
    const matchers: Matcher[] = [
      ...Object.entries(config.match).map(([name, value]) => newMatcher('=', name, value)),
      ...Object.entries(config.matchRe).map(([name, value]) => newMatcher('=~', name, value)),
      ...config.matchers,
    ];
    return new Route(parent, options, sortMatchers(matchers), config.continue, config.routes);
  }

  /** Route.Match: depth-first, left to right; a child that matches stops the search unless it has `continue`. */
  match(labels: LabelSet): Route[] {
    if (!matchesLabels(this.matchers, labels)) {
      return [];
    }
    const all: Route[] = [];
    for (const child of this.routes) {
      const matches = child.match(labels);
      all.push(...matches);
      if (matches.length > 0 && !child.continue) {
        break;
      }
    }
    return all.length > 0 ? all : [this];
  }

  /** Route.Key: the parent's key, "/", then the sorted matchers — `{}` for the root, `{}/{team="db"}` below. */
  key(): string {
    this.cachedKey ??= `${this.parent ? `${this.parent.key()}/` : ''}${formatMatchers(this.matchers)}`;
    return this.cachedKey;
  }

  /** Route.ID: the key plus "/<index among its siblings>" for non-root routes, unique in the tree. */
  id(): string {
    return this.parent ? `${this.key()}/${this.parent.routes.indexOf(this)}` : this.key();
  }

  /** Visits this route and its descendants depth-first. */
  walk(visit: (route: Route) => void): void {
    visit(this);
    for (const child of this.routes) {
      child.walk(visit);
    }
  }

  /** getGroupLabels: the alert's labels named in group_by (all of them with `...`). */
  groupLabels(labels: LabelSet): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(labels)) {
      if (this.options.groupByAll || this.options.groupBy.has(name)) {
        setLabel(out, name, value);
      }
    }
    return out;
  }

  /** aggrGroup.GroupKey: `<route key>:<group labels as model.LabelSet.String()>`, e.g. `{}:{alertname="X"}`. */
  groupKey(groupLabels: LabelSet): string {
    return `${this.key()}:${formatLabelSet(groupLabels)}`;
  }
}
