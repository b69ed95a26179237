import type { JobContract } from './job-contract';
import { auditJobs } from './jobs/audit.jobs';
import { backupJobs } from './jobs/backup.jobs';
import { maintenanceJobs } from './jobs/maintenance.jobs';
import type { TopicContract } from './topic-contract';
import { alertsTopic } from './topics/alerts/alerts.topic';
import { auditTopic } from './topics/audit/audit.topic';
import { incidentsTopic } from './topics/incidents/incidents.topic';
import { metricsTopic } from './topics/metrics/metrics.topic';

/** Every Kafka topic Keel uses. Topic creation, the CLI and the registry test all read this list. */
export const topicContracts: readonly TopicContract[] = Object.freeze([
  metricsTopic,
  alertsTopic,
  incidentsTopic,
  auditTopic,
]);

/** Every BullMQ job, across all queues. */
export const jobContracts: readonly JobContract[] = Object.freeze([...maintenanceJobs, ...backupJobs, ...auditJobs]);

/** Topic names and their dead-letter twins, e.g. for creating them all at setup. */
export const ALL_TOPICS_WITH_DLQ: readonly string[] = Object.freeze(topicContracts.flatMap((c) => [c.topic, c.dlq]));

export function topicContract(topic: string): TopicContract {
  const found = topicContracts.find((c) => c.topic === topic);
  if (!found) {
    const known = topicContracts.map((c) => c.topic).join(', ');
    throw new Error(`Unknown Kafka topic "${topic}"; known topics: ${known}`);
  }
  return found;
}

export function jobContract(queue: string, name: string): JobContract {
  const found = jobContracts.find((c) => c.queue === queue && c.name === name);
  if (!found) {
    const known = jobContracts
      .filter((c) => c.queue === queue)
      .map((c) => c.name)
      .join(', ');
    throw new Error(
      known === ''
        ? `Unknown job queue "${queue}"; known queues: ${[...new Set(jobContracts.map((c) => c.queue))].join(', ')}`
        : `Unknown job "${name}" on queue "${queue}"; known jobs there: ${known}`,
    );
  }
  return found;
}
