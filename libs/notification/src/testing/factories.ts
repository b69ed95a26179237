// Typed factories for unit tests (not exported from the lib).
import type { Alert } from '../alerts/alert';
import { parseAlertmanagerConfig } from '../config/parse-alertmanager-config';
import type { AlertmanagerConfig } from '../config/config.types';

export const T0 = Date.UTC(2026, 10, 26, 15, 0, 0);

export function alert(labels: Record<string, string>, overrides: Partial<Alert> = {}): Alert {
  return {
    labels,
    annotations: {},
    startsAt: T0,
    endsAt: T0 + 5 * 60_000,
    generatorURL: '',
    updatedAt: T0,
    timeout: false,
    ...overrides,
  };
}

/** Parses a config written as lines and fails the test when it is invalid. */
export function config(...lines: string[]): AlertmanagerConfig {
  const result = parseAlertmanagerConfig(lines.join('\n'), 'alertmanager.yml');
  if (!result.ok) {
    throw new Error(`config rejected:\n${result.errors.map((e) => e.message).join('\n')}`);
  }
  return result.config;
}
