import type { DurationStats } from './percentiles';
import type { ResponseTimeStats } from './retrospective';
import type {
  DurationStatsModel,
  ResponseTimeStatsModel,
  RetrospectiveMeetingModel,
  RetrospectiveModel,
} from './retrospective.model';
import type { RetrospectiveAnswer } from './retrospective.service';
import type { StoredRetrospectiveMeeting } from './retrospective.repository';

const seconds = (ms: number | null): number | null => (ms === null ? null : ms / 1000);

function durationModel(stats: DurationStats): DurationStatsModel {
  return { count: stats.count, medianSeconds: seconds(stats.medianMs), p90Seconds: seconds(stats.p90Ms) };
}

function responseModel(stats: ResponseTimeStats): ResponseTimeStatsModel {
  return {
    overall: durationModel(stats.overall),
    bySeverity: stats.bySeverity.map((s) => ({ severity: s.severity, stats: durationModel(s.stats) })),
  };
}

export function toMeetingModel(meeting: StoredRetrospectiveMeeting): RetrospectiveMeetingModel {
  return {
    id: meeting.id,
    period: meeting.period,
    service: meeting.service,
    improvements: meeting.improvements,
    notes: meeting.notes,
    followUpDate: meeting.followUpDate,
    heldBy: { id: meeting.heldById },
    version: meeting.version,
    createdAt: meeting.createdAt,
    updatedAt: meeting.updatedAt,
  };
}

/**
 * The report as GraphQL answers it: every list (repeats, missing post-mortems, lessons, improvements and the
 * incidents of each improvement) holds at most `first` entries, and `totals` says how many there are, so a quarter
 * with thousands of lessons answers with its head instead of megabytes.
 */
export function toRetrospectiveModel(answer: RetrospectiveAnswer, first: number): RetrospectiveModel {
  const { report } = answer;
  const head = <T>(list: readonly T[]): T[] => list.slice(0, first);
  const rate = report.actionItems.completionRate;
  return {
    period: { kind: report.period.kind, label: report.period.label, from: report.period.from, to: report.period.to },
    service: answer.service,
    generatedAt: report.generatedAt,
    partial: report.partial,
    incidentCount: report.incidentCount,
    bySeverity: report.bySeverity,
    byService: report.byService,
    withoutService: report.withoutService,
    timeToAcknowledge: responseModel(report.timeToAcknowledge),
    timeToResolve: responseModel(report.timeToResolve),
    repeatIncidents: head(report.repeatIncidents),
    postMortems: { ...report.postMortems, missingIncidentIds: head(report.postMortems.missingIncidentIds) },
    actionItems: {
      total: report.actionItems.total,
      open: report.actionItems.open,
      inProgress: report.actionItems.inProgress,
      done: report.actionItems.done,
      wontDo: report.actionItems.wontDo,
      overdue: report.actionItems.overdue,
      completionPercent: rate === null ? null : Math.round(rate * 10_000) / 100,
    },
    whatWentWell: head(report.whatWentWell),
    whatWentWrong: head(report.whatWentWrong),
    whereWeGotLucky: head(report.whereWeGotLucky),
    contributingFactors: report.contributingFactors,
    improvements: head(report.improvements).map((i) => ({
      kind: i.kind,
      message: i.message,
      incidentIds: head(i.incidentIds),
      incidentCount: i.incidentIds.length,
    })),
    totals: {
      repeatIncidents: report.repeatIncidents.length,
      missingPostMortems: report.postMortems.missingIncidentIds.length,
      whatWentWell: report.whatWentWell.length,
      whatWentWrong: report.whatWentWrong.length,
      whereWeGotLucky: report.whereWeGotLucky.length,
      improvements: report.improvements.length,
    },
    agreedImprovements: answer.meeting?.improvements ?? [],
    followUpDate: answer.followUpDate,
    followUpDateSource: answer.followUpDateSource,
    meeting: answer.meeting === null ? null : toMeetingModel(answer.meeting),
  };
}
