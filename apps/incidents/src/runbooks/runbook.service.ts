import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@keel/contracts';
import { INCIDENTS_CONFIG, type IncidentsConfig } from '../config';
import type { IncidentHookContext, SqlRunner } from '../incidents/incident-hooks';
import { IncidentErrorCode, IncidentException } from '../incidents/incident.exception';
import type { TimelineActor } from '../incidents/timeline';
import { TimelineRepository } from '../incidents/timeline.repository';
import { AlertRulesClient } from './alert-rules.client';
import { allowHostSet } from './link-guard';
import { matchRunbook } from './match-runbook';
import { parseRunbook, runbookPathProblem } from './parse-runbook';
import { createExternalLinkChecker } from './runbook-link-checker';
import type { RunbookFrontMatter } from './runbook.entity';
import { RunbookErrorCode, RunbookException } from './runbook.exception';
import {
  RunbookRepository,
  type RunbookActivation,
  type RunbookListFilter,
  type RunbookRecord,
  type RunbookWriteResult,
} from './runbook.repository';
import { validateRunbooks, type ExternalLinkChecker, type RunbookValidationReport } from './validate-runbooks';

export const MAX_RUNBOOK_NAME = 200;
/** 256 KiB of Markdown is a long runbook; larger saves are refused. */
export const MAX_RUNBOOK_MARKDOWN = 256 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The actor of automatic activations: the matching rules, not the person or alert that opened the incident. */
export const RUNBOOK_MATCHING_ACTOR: TimelineActor = {
  type: 'system',
  id: 'runbook-matching',
  name: 'runbook matching',
};

/** The file a runbook name stands for in the pure modules (parser, validation, links). */
export const runbookPath = (name: string): string => `${name}.md`;
/** The runbook name of a pure-module path. */
export const nameOfPath = (path: string): string => path.replace(/\.md$/, '');

export interface SaveRunbookCommand {
  name: string;
  markdown: string;
  expectedVersion?: number | null;
}

export interface ValidationReportResult {
  report: RunbookValidationReport;
  generatedAt: Date;
  maxAgeDays: number;
  alertRulesError: string | null;
  externalLinksChecked: boolean;
}

function invalid(message: string, details: Record<string, unknown> = {}): RunbookException {
  return new RunbookException(RunbookErrorCode.INVALID_RUNBOOK, message, details);
}

@Injectable()
export class RunbookService {
  private readonly checkLink: ExternalLinkChecker | undefined;

  constructor(
    private readonly runbooks: RunbookRepository,
    private readonly timeline: TimelineRepository,
    private readonly alertRules: AlertRulesClient,
    @Inject(INCIDENTS_CONFIG) private readonly config: IncidentsConfig,
  ) {
    this.checkLink = config.INCIDENTS_RUNBOOK_CHECK_EXTERNAL_LINKS
      ? createExternalLinkChecker({
          timeoutMs: config.INCIDENTS_RUNBOOK_LINK_TIMEOUT_MS,
          allowHosts: allowHostSet(config.INCIDENTS_RUNBOOK_LINK_ALLOW_HOSTS),
        })
      : undefined;
  }

  list(filter: RunbookListFilter): Promise<RunbookRecord[]> {
    return this.runbooks.list(filter);
  }

  /** The runbook at `version` (latest when absent); NOT_FOUND names the runbook or the version. */
  async get(name: string, version?: number | null): Promise<RunbookRecord> {
    const found = await this.runbooks.find(name, version ?? null);
    if (found) return found;
    const runbook = await this.runbooks.exists(name);
    if (!runbook) throw this.unknown(name);
    throw new RunbookException(
      RunbookErrorCode.RUNBOOK_VERSION_NOT_FOUND,
      `runbook "${name}" has no version ${version} (current version ${runbook.currentVersion})`,
      { version: runbook.currentVersion },
    );
  }

  versions(name: string) {
    return this.runbooks.versions(name);
  }

  /**
   * Saves a new version after parsing it (every problem of the parser refuses the save, each at its line). With
   * expectedVersion null or 0 the runbook is created; else the save applies only at exactly that version.
   */
  async save(input: SaveRunbookCommand, actor: Actor): Promise<RunbookRecord> {
    const name = input.name.trim();
    const nameProblem = this.nameProblem(name);
    if (nameProblem !== null) throw invalid(nameProblem);
    if (input.markdown.length > MAX_RUNBOOK_MARKDOWN) {
      throw invalid(
        `runbook "${name}" is too long: ${input.markdown.length} characters, at most ${MAX_RUNBOOK_MARKDOWN}`,
      );
    }
    const expected = input.expectedVersion ?? 0;
    if (!Number.isInteger(expected) || expected < 0) {
      throw invalid(`expectedVersion must be 0 (create) or a version of the runbook, got ${expected}`);
    }
    const parsed = parseRunbook(runbookPath(name), input.markdown);
    if (!parsed.ok) {
      throw invalid(`runbook "${name}" is invalid: ${parsed.problems.map((p) => p.message).join('; ')}`, {
        problems: parsed.problems.map((p) => ({ line: p.line, column: p.column, message: p.message })),
      });
    }
    const frontMatter: RunbookFrontMatter = { ...parsed.runbook.metadata, resolvedTitle: parsed.runbook.title };
    const version = {
      name,
      markdown: input.markdown,
      frontMatter,
      author: { id: actor.id, name: actor.name ?? actor.id },
    };
    const result = expected === 0 ? await this.runbooks.create(version) : await this.runbooks.update(version, expected);
    return this.written(name, expected, result);
  }

  async archive(name: string, expectedVersion: number, actor: Actor): Promise<RunbookRecord> {
    return this.written(name, expectedVersion, await this.runbooks.archive(name, expectedVersion, actor.id));
  }

  /**
   * Activates the runbook (its current version) for the incident and writes the `runbook` timeline entry, in one
   * transaction. Activating it again changes nothing and returns the first activation.
   */
  async activate(incidentId: string, name: string, actor: Actor): Promise<RunbookActivation> {
    if (!UUID.test(incidentId)) {
      throw new IncidentException(
        IncidentErrorCode.INVALID_INCIDENT_INPUT,
        `incident id must be a UUID, got "${incidentId}"`,
      );
    }
    const by: TimelineActor = { type: actor.type, id: actor.id, name: actor.name ?? actor.id };
    return this.runbooks.transaction(async (db) => {
      const openedAt = await this.runbooks.incidentOpenedAt(db, incidentId);
      if (openedAt === null) {
        throw new IncidentException(IncidentErrorCode.INCIDENT_NOT_FOUND, `incident ${incidentId} does not exist`);
      }
      const runbook = await this.runbooks.lockForActivation(db, name);
      if (runbook === null) throw this.unknown(name);
      if (runbook.archived) {
        throw new RunbookException(RunbookErrorCode.RUNBOOK_ARCHIVED, `runbook "${name}" is archived`);
      }
      await this.record(db, {
        incidentId,
        name,
        version: runbook.currentVersion,
        actor: by,
        automatic: false,
        now: new Date(),
        openedAt,
      });
      const activation = (await this.runbooks.activationsOf([incidentId], db))
        .get(incidentId)
        ?.find((a) => a.runbookName === name);
      if (!activation) throw new Error(`activation of runbook "${name}" vanished inside its transaction`);
      return activation;
    });
  }

  /** The incident-opened hook: activates the runbook matchRunbook picks, in the opening's transaction. */
  async activateMatching(context: IncidentHookContext): Promise<void> {
    const { incident } = context;
    const candidates = await this.runbooks.candidates(context.db, incident.alertNames, incident.type);
    const match = matchRunbook(candidates, {
      alertNames: incident.alertNames,
      services: incident.services,
      type: incident.type,
    });
    if (match === null) return;
    await this.record(context.db, {
      incidentId: incident.id,
      name: match.runbook.path,
      version: match.runbook.currentVersion,
      actor: RUNBOOK_MATCHING_ACTOR,
      automatic: true,
      now: context.now,
      openedAt: incident.createdAt,
    });
  }

  async activationsOf(incidentIds: readonly string[]): Promise<Map<string, RunbookActivation[]>> {
    return this.runbooks.activationsOf(incidentIds);
  }

  /**
   * The seed's RunbookValidator over the runbooks that are not archived: review age against maxAgeDays (default
   * INCIDENTS_RUNBOOK_MAX_AGE_DAYS), alert rules of the alerting service without a runbook, broken links (to
   * runbooks, and external ones when INCIDENTS_RUNBOOK_CHECK_EXTERNAL_LINKS is on). When the alert rules cannot be
   * read the report says why in alertRulesError, and leaves missing and unknown alerts empty.
   */
  async validationReport(maxAgeDays?: number | null): Promise<ValidationReportResult> {
    const maxAge = maxAgeDays ?? this.config.INCIDENTS_RUNBOOK_MAX_AGE_DAYS;
    const [sources, rules] = await Promise.all([this.runbooks.currentSources(), this.alertRules.ruleNames()]);
    const now = new Date();
    const report = await validateRunbooks({
      runbooks: sources.map((s) => ({ path: runbookPath(s.name), content: s.markdown })),
      alertRuleNames: rules.ok ? rules.names : [],
      now,
      maxReviewAgeDays: maxAge,
      ...(this.checkLink ? { checkExternalLink: this.checkLink } : {}),
    });
    const usable: RunbookValidationReport = rules.ok
      ? report
      : {
          ...report,
          missing: [],
          unknownAlerts: [],
          recommendations: report.recommendations.filter((r) => r.kind !== 'remove_unknown_alert'),
        };
    return {
      report: usable,
      generatedAt: now,
      maxAgeDays: maxAge,
      alertRulesError: rules.ok ? null : rules.error,
      externalLinksChecked: this.checkLink !== undefined,
    };
  }

  /** Inserts the activation and, when it is new, its timeline entry. */
  private async record(
    db: SqlRunner,
    a: {
      incidentId: string;
      name: string;
      version: number;
      actor: TimelineActor;
      automatic: boolean;
      now: Date;
      openedAt: Date;
    },
  ): Promise<void> {
    const inserted = await this.runbooks.insertActivation(db, {
      incidentId: a.incidentId,
      runbookName: a.name,
      version: a.version,
      activatedAt: a.now,
      activatedBy: a.actor,
      automatic: a.automatic,
    });
    if (!inserted) return;
    await this.timeline.append(
      db,
      [
        {
          incidentId: a.incidentId,
          detail: { kind: 'runbook', name: a.name, version: a.version, automatic: a.automatic },
          actor: a.actor,
          occurredAt: a.now,
        },
      ],
      { now: a.now, openedAt: a.openedAt },
    );
  }

  private nameProblem(name: string): string | null {
    if (name.length === 0 || name.length > MAX_RUNBOOK_NAME) {
      return `runbook name must have 1 to ${MAX_RUNBOOK_NAME} characters, got ${name.length}`;
    }
    if (name.endsWith('.md')) return `runbook name "${name}" must not end in .md (the name stands for ${name})`;
    const pathProblem = runbookPathProblem(runbookPath(name));
    return pathProblem === null ? null : `runbook name "${name}" is invalid: ${pathProblem}`;
  }

  private unknown(name: string): RunbookException {
    return new RunbookException(RunbookErrorCode.RUNBOOK_NOT_FOUND, `unknown runbook "${name}"`);
  }

  private written(name: string, expected: number, result: RunbookWriteResult): RunbookRecord {
    if (result.ok) return result.record;
    switch (result.reason) {
      case 'not-found':
        return this.throwing(
          new RunbookException(
            RunbookErrorCode.RUNBOOK_NOT_FOUND,
            `unknown runbook "${name}" (expected version ${expected}); to create it, save it with expectedVersion 0`,
          ),
        );
      case 'exists':
        return this.throwing(
          new RunbookException(
            RunbookErrorCode.RUNBOOK_VERSION_CONFLICT,
            `runbook "${name}" already exists (expected version 0 to create it, current version ${result.version}); ` +
              'pass the current version to save a new one',
            { version: result.version },
          ),
        );
      case 'archived':
        return this.throwing(
          new RunbookException(
            RunbookErrorCode.RUNBOOK_ARCHIVED,
            `runbook "${name}" is archived (version ${result.version})`,
            { version: result.version },
          ),
        );
      case 'conflict':
        return this.throwing(
          new RunbookException(
            RunbookErrorCode.RUNBOOK_VERSION_CONFLICT,
            `runbook "${name}" was changed by someone else (expected version ${expected}, current version ` +
              `${result.version}); reload it and retry`,
            { version: result.version },
          ),
        );
    }
  }

  private throwing(error: Error): never {
    throw error;
  }
}
