export enum RemoteWriteErrorCode {
  /** Wrong Content-Type or Content-Encoding (HTTP 415). */
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  /** Undecodable body, or samples refused by keel.metrics.v1 (HTTP 400; Prometheus does not retry it). */
  BadRequest = 'BAD_REQUEST',
  /** Body over the size limit (HTTP 413). */
  TooLarge = 'TOO_LARGE',
}

export class RemoteWriteError extends Error {
  override readonly name = 'RemoteWriteError';

  constructor(
    readonly code: RemoteWriteErrorCode,
    message: string,
  ) {
    super(message);
  }

  static unsupported(message: string): RemoteWriteError {
    return new RemoteWriteError(RemoteWriteErrorCode.UnsupportedMediaType, message);
  }

  static bad(message: string): RemoteWriteError {
    return new RemoteWriteError(RemoteWriteErrorCode.BadRequest, message);
  }

  static tooLarge(message: string): RemoteWriteError {
    return new RemoteWriteError(RemoteWriteErrorCode.TooLarge, message);
  }
}
