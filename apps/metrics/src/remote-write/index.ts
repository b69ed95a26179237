export { RemoteWriteModule } from './remote-write.module';
export { RemoteWriteService, type RemoteWriteOutcome, type RemoteWriteRequest } from './remote-write.service';
export { decodeRemoteWrite, MAX_DECOMPRESSED_BYTES } from './remote-write-decoder';
export { toMetricsBatches, type Conversion } from './remote-write-conversion';
export { RemoteWriteError, RemoteWriteErrorCode } from './remote-write.errors';
