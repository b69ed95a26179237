import { Module } from '@nestjs/common';
import { AlertMuting } from '../alerts/alert-muting';
import { SilenceRepository } from '../silences/silence.repository';
import { SilencesService } from '../silences/silences.service';
import { ALERT_NOTIFIER } from './alert-notifier';
import { NotificationConfigService } from './notification-config.service';
import { NotificationLogRepository } from './notification-log.repository';
import { NotificationService } from './notification.service';

@Module({
  providers: [
    NotificationConfigService,
    NotificationLogRepository,
    SilenceRepository,
    SilencesService,
    NotificationService,
    { provide: ALERT_NOTIFIER, useExisting: NotificationService },
    { provide: AlertMuting, useExisting: NotificationService },
  ],
  exports: [
    ALERT_NOTIFIER,
    AlertMuting,
    NotificationService,
    SilencesService,
    NotificationLogRepository,
    NotificationConfigService,
  ],
})
export class NotificationModule {}
