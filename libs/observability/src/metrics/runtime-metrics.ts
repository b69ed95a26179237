import { collectDefaultMetrics } from 'prom-client';
import { memoryLimitBytes } from './memory-limit';
import type { MetricsRegistry } from './metrics-registry';

/**
 * prom-client's process and Node.js metrics (process_resident_memory_bytes, process_cpu_*, nodejs_heap_*,
 * event loop lag…) plus process_virtual_memory_max_bytes, which prom-client lacks and the seed's
 * MemoryUsageCritical rule divides by.
 */
export function registerRuntimeMetrics(registry: MetricsRegistry): void {
  collectDefaultMetrics({ register: registry });
  registry.gauge({
    name: 'process_virtual_memory_max_bytes',
    help: 'Memory the process may use, in bytes: its cgroup limit, or the total memory of the machine',
    collect() {
      this.set(memoryLimitBytes());
    },
  });
}
