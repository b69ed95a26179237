import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Identity } from '@keel/auth';
import { metricsTopic } from '@keel/contracts';
import { KAFKA_CLIENT, type KafkaClient } from '@keel/kafka';
import { toMetricsBatches } from './remote-write-conversion';
import { decodeRemoteWrite } from './remote-write-decoder';
import { RemoteWriteError } from './remote-write.errors';

export interface RemoteWriteRequest {
  body: Uint8Array;
  contentEncoding?: string;
  contentType?: string;
  identity: Identity;
}

export interface RemoteWriteOutcome {
  accepted: number;
  messages: number;
  staleMarkers: number;
}

/**
 * Republishes a remote-write request onto keel.metrics.v1, so remote write and services share the one
 * ingestion path (validation, dead-lettering, exactly-once storage) behind Kafka.
 */
@Injectable()
export class RemoteWriteService {
  private readonly logger = new Logger(RemoteWriteService.name);

  constructor(@Inject(KAFKA_CLIENT) private readonly kafka: KafkaClient) {}

  /** Publishes the valid samples, then throws BAD_REQUEST naming the refused ones, if any. */
  async write(request: RemoteWriteRequest): Promise<RemoteWriteOutcome> {
    const decoded = decodeRemoteWrite(request.body, request.contentEncoding, request.contentType);
    const source = `remote-write:${request.identity.type}:${request.identity.id}`;
    const conversion = toMetricsBatches(decoded, source);
    // One message per send: they share a key, and one request holding several full messages would exceed
    // the broker's per-batch size limit.
    for (const batch of conversion.batches) {
      await this.kafka.publisher().publish(metricsTopic, batch);
    }
    if (conversion.refused > 0) {
      this.logger.warn(
        { source, refused: conversion.refused, reasons: conversion.reasons },
        'remote write refused samples',
      );
      const more = conversion.refused > conversion.reasons.length ? ' …' : '';
      throw RemoteWriteError.bad(
        `accepted ${conversion.accepted} samples, refused ${conversion.refused}: ${conversion.reasons.join('; ')}${more}`,
      );
    }
    return {
      accepted: conversion.accepted,
      messages: conversion.batches.length,
      staleMarkers: conversion.staleMarkers,
    };
  }
}
