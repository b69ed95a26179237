import { Global, Module } from '@nestjs/common';
import { AUDIT_SINK, KafkaAuditSink, type AuditSink } from '@keel/graphql';
import { KAFKA_CLIENT, type KafkaClient } from '@keel/kafka';
import { IDENTITY_SERVICE } from '../config';

/** Audit records go to keel.audit.v1 through the shared Kafka client. */
export const kafkaAuditSink = {
  useFactory: (kafka: KafkaClient): AuditSink => new KafkaAuditSink(kafka.publisher(), IDENTITY_SERVICE),
  inject: [KAFKA_CLIENT],
};

/**
 * The audit sink for what identity records itself (admin bootstrap, refresh token reuse); GraphQL mutations
 * are recorded by SubgraphModule's interceptor through its own instance of the same sink.
 */
@Global()
@Module({ providers: [{ provide: AUDIT_SINK, ...kafkaAuditSink }], exports: [AUDIT_SINK] })
export class AuditModule {}
