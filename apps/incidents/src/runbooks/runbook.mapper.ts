import type { RunbookActivation, RunbookRecord, RunbookVersionSummary } from './runbook.repository';
import type {
  IncidentRunbookModel,
  RunbookBrokenLinkModel,
  RunbookModel,
  RunbookValidationModel,
  RunbookValidationReportModel,
  RunbookVersionSummaryModel,
} from './runbook.model';
import { nameOfPath, type ValidationReportResult } from './runbook.service';
import type { BrokenLink, RunbookValidation } from './validate-runbooks';

export function toRunbookModel(record: RunbookRecord): RunbookModel {
  const fm = record.frontMatter;
  return {
    name: record.name,
    version: record.version,
    currentVersion: record.currentVersion,
    archived: record.archived,
    title: fm.resolvedTitle,
    owner: fm.owner,
    alerts: fm.alerts,
    services: fm.services,
    incidentTypes: fm.incidentTypes,
    lastReviewed: fm.lastReviewed,
    markdown: record.markdown,
    author: { id: record.authorId, name: record.authorName },
    savedAt: record.versionCreatedAt,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

export function toRunbookVersionSummaryModel(v: RunbookVersionSummary): RunbookVersionSummaryModel {
  return {
    version: v.version,
    title: v.title,
    lastReviewed: v.lastReviewed,
    author: { id: v.authorId, name: v.authorName },
    createdAt: v.createdAt,
  };
}

export function toIncidentRunbookModel(a: RunbookActivation): IncidentRunbookModel {
  return {
    name: a.runbookName,
    title: a.title,
    version: a.version,
    activatedAt: a.activatedAt,
    activatedBy: { id: a.activatedBy.id, name: a.activatedBy.name ?? a.activatedBy.id },
    automatic: a.automatic,
  };
}

function toBrokenLinkModel(link: BrokenLink): RunbookBrokenLinkModel {
  return {
    runbook: nameOfPath(link.path),
    line: link.line,
    column: link.column,
    target: link.target,
    reason: link.reason,
    message: link.message,
  };
}

function toValidationModel(v: RunbookValidation): RunbookValidationModel {
  return {
    runbook: nameOfPath(v.path),
    title: v.title,
    owner: v.owner,
    valid: v.valid,
    isCurrent: v.isCurrent,
    lastReviewed: v.lastReviewed,
    reviewAgeDays: v.reviewAgeDays,
    problems: v.problems.map((p) => ({ line: p.line, column: p.column, reason: p.reason, message: p.message })),
    brokenLinks: v.brokenLinks.map(toBrokenLinkModel),
  };
}

export function toValidationReportModel(result: ValidationReportResult): RunbookValidationReportModel {
  const { report } = result;
  return {
    generatedAt: result.generatedAt,
    maxAgeDays: result.maxAgeDays,
    runbooks: report.runbooks.map(toValidationModel),
    outdated: report.outdated.map(toValidationModel),
    invalid: report.invalid.map(toValidationModel),
    missing: report.missing,
    alertRulesAvailable: result.alertRulesError === null,
    alertRulesError: result.alertRulesError,
    unknownAlerts: report.unknownAlerts.map((u) => ({ runbook: nameOfPath(u.path), alertName: u.alertName })),
    brokenLinks: report.brokenLinks.map(toBrokenLinkModel),
    externalLinksChecked: result.externalLinksChecked,
    externalLinksCheckedCount: report.externalLinks.checked,
    externalLinksUncheckedCount: report.externalLinks.unchecked,
    recommendations: report.recommendations.map((r) => ({
      kind: r.kind,
      runbook: r.path === null ? null : nameOfPath(r.path),
      alertName: r.alertName,
      message: r.message,
    })),
  };
}
