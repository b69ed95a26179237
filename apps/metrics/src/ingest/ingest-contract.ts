import { metricsTopic, onTopic } from '@keel/contracts';

/** The keel.metrics.v1 contract on the configured topic (its dead-letter topic follows the name). */
export function ingestContract(topic: string): typeof metricsTopic {
  return onTopic(metricsTopic, topic);
}
