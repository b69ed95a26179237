import { readFileSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import type { IncidentSeverity } from '@keel/contracts';
import { INCIDENTS_CONFIG, type IncidentsConfig } from '../config';
import { DEFAULT_RESPONSE_CONFIG, parseResponseConfig, type ResponseConfig } from './response-config';
import { instantiateChecklist, resolveChecklistTemplate, type Checklist } from './response-checklist';
import type { SeverityPolicy } from './severity-policy';

/** Reads the response configuration file, naming the file in every refusal. */
export function loadResponseConfig(path: string | undefined): ResponseConfig {
  if (path === undefined) return DEFAULT_RESPONSE_CONFIG;
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`INCIDENTS_RESPONSE_CONFIG_FILE ${path}: ${(error as Error).message}`, { cause: error });
  }
  try {
    return parseResponseConfig(document);
  } catch (error) {
    throw new Error(`INCIDENTS_RESPONSE_CONFIG_FILE ${path}: ${(error as Error).message}`, { cause: error });
  }
}

/** The severity policies and checklists in effect, for every feature that asks what a severity does. */
@Injectable()
export class ResponsePolicy {
  private readonly config: ResponseConfig;

  constructor(@Inject(INCIDENTS_CONFIG) config: IncidentsConfig) {
    this.config = loadResponseConfig(config.INCIDENTS_RESPONSE_CONFIG_FILE);
  }

  policyFor(severity: IncidentSeverity): SeverityPolicy {
    return this.config.policies[severity];
  }

  /** The checklist a new incident starts with: its type at its severity, else its severity's template, else none. */
  checklistFor(incident: { severity: IncidentSeverity; type: string | null }): Checklist | null {
    const { templateId } = resolveChecklistTemplate(incident, this.policyFor(incident.severity), this.config.typeRules);
    const template = templateId === null ? undefined : this.config.templates.get(templateId);
    return template === undefined ? null : instantiateChecklist(template);
  }
}
