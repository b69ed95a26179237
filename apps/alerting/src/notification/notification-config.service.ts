import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { parseAlertmanagerConfig, type AlertmanagerConfig } from '@keel/notification';
import { ALERTING_CONFIG, type AlertingConfig } from '../config';

/** The configuration file cannot be used: the service does not start (as Alertmanager refuses a bad file). */
export class NotificationConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotificationConfigError';
  }
}

/**
 * The route tree, receivers and inhibition rules, read from ALERTING_NOTIFICATION_CONFIG (Alertmanager's format)
 * at start. `${NAME}` in secret fields (webhook and Slack URLs, SMTP credentials) comes from the environment.
 */
@Injectable()
export class NotificationConfigService {
  readonly config: AlertmanagerConfig;
  readonly file: string;

  constructor(@Inject(ALERTING_CONFIG) alerting: AlertingConfig) {
    this.file = resolve(alerting.ALERTING_NOTIFICATION_CONFIG);
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      throw new NotificationConfigError(`cannot read ${this.file}: ${(error as Error).message}`);
    }
    const result = parseAlertmanagerConfig(text, alerting.ALERTING_NOTIFICATION_CONFIG, { env: process.env });
    if (!result.ok) {
      throw new NotificationConfigError(
        `invalid notification configuration:\n${result.errors.map((e) => e.message).join('\n')}`,
      );
    }
    this.config = result.config;
  }
}
