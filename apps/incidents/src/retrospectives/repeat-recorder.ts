import { Injectable, Logger } from '@nestjs/common';
import type { SqlRunner } from '../incidents/incident-hooks';
import { IncidentRepeatRepository } from './incident-repeat.repository';
import { findRepeat, type RepeatIncident } from './repeat-incident';

/** How far back an earlier incident can be repeated (the retrospective's default lookback). */
export const REPEAT_LOOKBACK_DAYS = 365;

/**
 * Decides whether an incident repeats an earlier one (`findRepeat`) when an alert links to it, and records the
 * answer in the same transaction, so a retrospective reads repeats by key instead of deriving them from a year of
 * incidents. Called by the alert intake after every link it opens or attaches, and through the `servicesChanged`
 * hook (RetrospectivesModule) when a responder changes the incident's services.
 */
@Injectable()
export class RepeatRecorder {
  private readonly logger = new Logger(RepeatRecorder.name);

  constructor(private readonly repository: IncidentRepeatRepository) {}

  /**
   * `keepEarlier` (an alert linked): no match keeps an earlier decision, since what was known when the incident
   * recurred stands. Without it (the services changed), the decision is made again and no match removes it.
   */
  async record(db: SqlRunner, incidentId: string, { keepEarlier = true } = {}): Promise<RepeatIncident | null> {
    const subject = await this.repository.subject(db, incidentId);
    if (subject === null) return null;
    const since = new Date(subject.openedAt.getTime() - REPEAT_LOOKBACK_DAYS * 86_400_000);
    const repeat = findRepeat(subject, await this.repository.candidates(db, subject, since));
    if (repeat === null) {
      if (!keepEarlier) await this.repository.remove(db, incidentId);
      return null;
    }
    await this.repository.save(db, repeat);
    this.logger.debug(
      `incident ${incidentId} repeats ${repeat.earlierIncidentId} (${repeat.services.join(', ')}: ${repeat.triggers.join(', ')})`,
    );
    return repeat;
  }
}
