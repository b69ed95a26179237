import { Injectable } from '@nestjs/common';
import type { Actor } from '@keel/contracts';
import { IncidentSeverity } from '@keel/contracts';
import { ResponsePolicy } from '../incidents/response-policy';
import { parsePeriod, previousPeriod, type Period } from './period';
import { retrospective, type RetrospectiveReport } from './retrospective';
import {
  followUp,
  incidentForReport,
  postMortemForReport,
  validateMeeting,
  validateServiceFilter,
  withAggregates,
  type MeetingInput,
} from './retrospective-report';
import { RetrospectiveErrorCode, RetrospectiveException } from './retrospective.exception';
import { RetrospectiveRepository, type StoredRetrospectiveMeeting } from './retrospective.repository';

export interface RetrospectiveAnswer {
  report: RetrospectiveReport;
  service: string | null;
  meeting: StoredRetrospectiveMeeting | null;
  followUpDate: string;
  followUpDateSource: 'recorded' | 'suggested';
}

/**
 * A period's retrospective: the SQL aggregates, the recorded repeats and `retrospective()` over the incidents with
 * a post-mortem or missing one (see RetrospectiveRepository), and the meeting recorded for the period.
 */
/** How messages name a meeting: `2026-Q3`, or `2026-Q3 of checkout` for one service's. */
function meetingName(period: Period, service: string | null): string {
  return service === null ? period.label : `${period.label} of ${service}`;
}

@Injectable()
export class RetrospectiveService {
  constructor(
    private readonly repository: RetrospectiveRepository,
    private readonly policy: ResponsePolicy,
  ) {}

  async report(
    periodText: string,
    serviceFilter: string | null | undefined,
    now = new Date(),
  ): Promise<RetrospectiveAnswer> {
    const period = parsePeriod(periodText);
    const service = validateServiceFilter(serviceFilter);
    const scope = { from: period.from, to: period.to, service };
    const required = IncidentSeverity.options.filter((s) => this.policy.policyFor(s).postMortemRequired);
    const lookback = { previousFrom: previousPeriod(period).from };
    const [summary, byService, missing, postMortems, repeats, meeting] = await Promise.all([
      this.repository.severitySummary(scope),
      this.repository.serviceCounts(scope),
      this.repository.requiredWithoutPostMortem(scope, required),
      this.repository.postMortems(scope, lookback),
      this.repository.repeats(scope),
      this.repository.findMeeting(period.label, service),
    ]);
    const computed = retrospective(
      [...postMortems.map((p) => p.incident), ...missing].map((i) =>
        incidentForReport(i, required.includes(i.severity)),
      ),
      postMortems.map((p) => postMortemForReport(p.postMortem)),
      repeats,
      period,
      now,
    );
    const report = withAggregates(computed, summary, byService);
    const next = followUp(report, meeting);
    return { report, service, meeting, followUpDate: next.date, followUpDateSource: next.source };
  }

  /**
   * Records the period's meeting (the seed's conductRetrospective): without expectedVersion it creates it
   * (CONFLICT when the period has one), else replaces it at that version. The follow-up day defaults to the one
   * the report suggests.
   */
  async record(
    periodText: string,
    serviceFilter: string | null | undefined,
    input: MeetingInput,
    actor: Actor,
    now = new Date(),
  ): Promise<StoredRetrospectiveMeeting> {
    const period = parsePeriod(periodText);
    const service = validateServiceFilter(serviceFilter);
    const valid = validateMeeting(input, period);
    const name = meetingName(period, service);
    // The pure module's suggestion does not depend on the incidents: ask it with none.
    const followUpDate = valid.followUpDate ?? retrospective([], [], [], period, now).followUpDate;
    const fields = { improvements: valid.improvements, notes: valid.notes, followUpDate, heldById: actor.id };
    if (valid.expectedVersion === null) {
      const created = await this.repository.insertMeeting({
        ...fields,
        period: period.label,
        service,
        periodFrom: period.from,
        periodTo: period.to,
      });
      if (created !== null) return created;
      const current = await this.repository.findMeeting(period.label, service);
      throw this.conflict(name, null, current?.version ?? null);
    }
    const written = await this.repository.updateMeeting(period.label, service, valid.expectedVersion, fields);
    if (written.ok) return written.value;
    if (written.currentVersion === null) {
      throw new RetrospectiveException(
        RetrospectiveErrorCode.RETROSPECTIVE_NOT_FOUND,
        `retrospective ${name} has not been recorded; record it without expectedVersion`,
      );
    }
    throw this.conflict(name, valid.expectedVersion, written.currentVersion);
  }

  private conflict(name: string, expected: number | null, current: number | null): RetrospectiveException {
    const message =
      expected === null
        ? `retrospective ${name} is already recorded (version ${current}); pass expectedVersion to change it`
        : `retrospective ${name} was changed by someone else (expected version ${expected}, current version ${current}); reload it and retry`;
    return new RetrospectiveException(RetrospectiveErrorCode.RETROSPECTIVE_VERSION_CONFLICT, message, {
      version: current,
    });
  }
}
