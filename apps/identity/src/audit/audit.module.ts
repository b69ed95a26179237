import { Global, Module, type FactoryProvider } from '@nestjs/common';
import { AUDIT_SINK, KafkaAuditSink, type AuditSink } from '@keel/graphql';
import { KAFKA_CLIENT, type KafkaClient } from '@keel/kafka';
import { IDENTITY_SERVICE } from '../config';

/** Audit records go to keel.audit.v1 through the shared Kafka client. */
export function auditSinkProvider(): FactoryProvider<AuditSink> {
  return {
    provide: AUDIT_SINK,
    useFactory: (kafka: KafkaClient) => new KafkaAuditSink(kafka.publisher(), IDENTITY_SERVICE),
    inject: [KAFKA_CLIENT],
  };
}

/**
 * The audit sink for what identity records itself (bootstrap, refresh token reuse); GraphQL mutations are
 * recorded by SubgraphModule's interceptor through its own instance of the same sink.
 */
@Global()
@Module({ providers: [auditSinkProvider()], exports: [AUDIT_SINK] })
export class AuditModule {}
