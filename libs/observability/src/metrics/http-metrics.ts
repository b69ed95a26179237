import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { Counter, Histogram } from 'prom-client';
import { MetricsRegistry } from './metrics-registry';
import { OBSERVABILITY_OPTIONS, type ObservabilityOptions } from '../observability.options';
import { DEFAULT_MOUNTED_PATHS, type RouteState, routeLabel, trackRoute } from './route-tracking';

/** 0.005 s … 10 s: prom-client's default buckets, which the seed's latency rules are written against. */
export const HTTP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** nginx's code for a request whose client went away before the response was sent. */
const CLIENT_CLOSED_REQUEST = '499';

type HttpLabels = 'method' | 'route' | 'status';

/** `http_requests_total` and `http_request_duration_seconds`, labelled by method, route pattern and status. */
@Injectable()
export class HttpMetrics {
  private readonly requests: Counter<HttpLabels>;
  private readonly duration: Histogram<HttpLabels>;

  constructor(registry: MetricsRegistry) {
    this.requests = registry.counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status code',
      labelNames: ['method', 'route', 'status'],
    });
    this.duration = registry.histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from receiving an HTTP request to finishing its response, in seconds',
      labelNames: ['method', 'route', 'status'],
      buckets: HTTP_DURATION_BUCKETS,
    });
  }

  observe(labels: Record<HttpLabels, string>, seconds: number): void {
    this.requests.inc(labels);
    this.duration.observe(labels, seconds);
  }
}

/** Times every request, GraphQL and 404s included, and records it once the response is done. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  private readonly mountedPaths: readonly string[];

  constructor(
    private readonly metrics: HttpMetrics,
    @Inject(OBSERVABILITY_OPTIONS) options: ObservabilityOptions,
  ) {
    this.mountedPaths = options.mountedPaths ?? DEFAULT_MOUNTED_PATHS;
  }

  use(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    const started = process.hrtime.bigint();
    const state: RouteState = {};
    let recorded = false;
    const record = (): void => {
      if (recorded) {
        return;
      }
      recorded = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const status = res.writableFinished ? String(res.statusCode) : CLIENT_CLOSED_REQUEST;
      this.metrics.observe(
        { method: req.method ?? 'UNKNOWN', route: routeLabel(req, state, this.mountedPaths), status },
        seconds,
      );
    };
    res.once('finish', record);
    res.once('close', record);
    trackRoute(state, next);
  }
}
