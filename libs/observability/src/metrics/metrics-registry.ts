import { Injectable } from '@nestjs/common';
import {
  Counter,
  type CounterConfiguration,
  Gauge,
  type GaugeConfiguration,
  Histogram,
  type HistogramConfiguration,
  Registry,
} from 'prom-client';

type WithoutRegisters<C> = Omit<C, 'registers'>;

/**
 * The application's own Prometheus registry (never prom-client's global one), served on GET /metrics.
 * Inject it to add a service's metrics: `registry.counter({ name: 'incidents_opened_total', help: '…' })`.
 */
@Injectable()
export class MetricsRegistry extends Registry {
  counter<L extends string = string>(config: WithoutRegisters<CounterConfiguration<L>>): Counter<L> {
    return new Counter({ ...config, registers: [this] });
  }

  gauge<L extends string = string>(config: WithoutRegisters<GaugeConfiguration<L>>): Gauge<L> {
    return new Gauge({ ...config, registers: [this] });
  }

  histogram<L extends string = string>(config: WithoutRegisters<HistogramConfiguration<L>>): Histogram<L> {
    return new Histogram({ ...config, registers: [this] });
  }
}
