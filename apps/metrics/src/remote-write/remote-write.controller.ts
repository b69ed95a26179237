import type { IncomingMessage } from 'node:http';
import { Controller, HttpCode, HttpException, HttpStatus, Post, Req, UseGuards } from '@nestjs/common';
import { CurrentIdentity, Roles, type Identity } from '@keel/auth';
import { MetricsWriteGuard } from './metrics-write.guard';
import { RemoteWriteErrorCode, RemoteWriteError } from './remote-write.errors';
import { RemoteWriteService } from './remote-write.service';
import { readRequestBody } from './request-body';

const STATUS: Record<RemoteWriteErrorCode, HttpStatus> = {
  [RemoteWriteErrorCode.BadRequest]: HttpStatus.BAD_REQUEST,
  [RemoteWriteErrorCode.UnsupportedMediaType]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [RemoteWriteErrorCode.TooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
};

/** Prometheus remote write 1.0: `remote_write: [{ url: http://…/api/v1/write, authorization: … }]`. */
@Controller('api/v1')
export class RemoteWriteController {
  constructor(private readonly service: RemoteWriteService) {}

  @Post('write')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Roles('viewer') // the role floor of the global guard; MetricsWriteGuard narrows it per identity type
  @UseGuards(MetricsWriteGuard)
  async write(@Req() req: IncomingMessage, @CurrentIdentity() identity: Identity): Promise<void> {
    try {
      await this.service.write({
        body: await readRequestBody(req),
        contentEncoding: req.headers['content-encoding'],
        contentType: req.headers['content-type'],
        identity,
      });
    } catch (error) {
      if (error instanceof RemoteWriteError) throw new HttpException(error.message, STATUS[error.code]);
      throw error;
    }
  }
}
