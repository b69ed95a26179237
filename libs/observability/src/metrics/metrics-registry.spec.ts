import { register as globalRegistry } from 'prom-client';
import { MetricsRegistry } from './metrics-registry';
import { registerRuntimeMetrics } from './runtime-metrics';

describe('MetricsRegistry', () => {
  it('creates counters, gauges and histograms registered in itself only', async () => {
    const registry = new MetricsRegistry();
    registry.counter({ name: 'things_created_total', help: 'Things created', labelNames: ['kind'] }).inc({ kind: 'a' });
    registry.gauge({ name: 'things_open', help: 'Open things' }).set(3);
    registry.histogram({ name: 'thing_age_seconds', help: 'Age', buckets: [1, 10] }).observe(2);
    const text = await registry.metrics();
    expect(text).toContain('things_created_total{kind="a"} 1');
    expect(text).toContain('things_open 3');
    expect(text).toContain('thing_age_seconds_bucket{le="10"} 1');
    expect(await globalRegistry.metrics()).not.toContain('things_created_total');
  });

  it('refuses a second metric with the same name', () => {
    const registry = new MetricsRegistry();
    registry.counter({ name: 'dupe_total', help: 'first' });
    expect(() => registry.counter({ name: 'dupe_total', help: 'second' })).toThrow(/dupe_total/);
  });

  it('collects process and Node.js metrics, including the memory limit the seed rules divide by', async () => {
    const registry = new MetricsRegistry();
    registerRuntimeMetrics(registry);
    const text = await registry.metrics();
    for (const name of [
      'process_resident_memory_bytes',
      'process_cpu_seconds_total',
      'nodejs_heap_size_used_bytes',
      'process_virtual_memory_max_bytes',
    ]) {
      expect(text).toMatch(new RegExp(`^${name}(\\{[^}]*\\})? \\d`, 'm'));
    }
  });
});
