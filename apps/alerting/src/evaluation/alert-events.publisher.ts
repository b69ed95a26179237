import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { alertsTopic, type AlertEventInput } from '@keel/contracts';
import { KAFKA_CLIENT, type KafkaClient } from '@keel/kafka';
import type { AlertInstance } from '@keel/rules';

export interface AlertStateChange {
  groupName: string;
  ruleName: string;
  alert: AlertInstance;
  from: 'inactive' | 'pending' | 'firing';
  /** `resolved` also stands for a pending alert that went away before it fired. */
  to: 'pending' | 'firing' | 'resolved';
  at: Date;
  generatorUrl: string;
}

const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

/** Every alert state change goes to `keel.alerts.v1` (for incidents and the portal), keyed by fingerprint. */
@Injectable()
export class AlertEventsPublisher {
  constructor(@Inject(KAFKA_CLIENT) private readonly kafka: KafkaClient) {}

  async publish(changes: readonly AlertStateChange[]): Promise<void> {
    await this.kafka.publisher().publishBatch(
      alertsTopic,
      changes.map((c) => ({ value: toAlertEvent(c) })),
    );
  }
}

export function toAlertEvent(c: AlertStateChange): AlertEventInput {
  const activeAt = iso(c.alert.activeAtMs);
  const firedAt = iso(c.alert.firedAtMs);
  const resolvedAt = c.to === 'resolved' ? (iso(c.alert.resolvedAtMs) ?? c.at.toISOString()) : undefined;
  return {
    eventId: randomUUID(),
    occurredAt: c.at.toISOString(),
    alert: {
      fingerprint: c.alert.fingerprint,
      ruleGroup: c.groupName,
      ruleName: c.ruleName,
      labels: c.alert.labels,
      annotations: c.alert.annotations,
      state: c.to,
      ...(activeAt ? { activeAt } : {}),
      ...(firedAt ? { firedAt } : {}),
      ...(resolvedAt ? { resolvedAt } : {}),
      value: c.alert.value,
      generatorUrl: c.generatorUrl,
    },
    previousState: c.from,
  };
}
