import type { IncomingMessage } from 'node:http';
import { RemoteWriteError } from './remote-write.errors';

/** Compressed request body limit; Prometheus' default batches are a few hundred KiB at most. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * The raw body: the app's JSON and form parsers skip application/x-protobuf, so the stream is still
 * unread; a raw-body parser installed by the app (Buffer in req.body) is used as is.
 */
export async function readRequestBody(
  req: IncomingMessage & { body?: unknown },
  limit = MAX_BODY_BYTES,
): Promise<Buffer> {
  if (Buffer.isBuffer(req.body)) return checkSize(req.body, limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw RemoteWriteError.tooLarge(`request body exceeds ${limit} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function checkSize(body: Buffer, limit: number): Buffer {
  if (body.length > limit) throw RemoteWriteError.tooLarge(`request body exceeds ${limit} bytes`);
  return body;
}
