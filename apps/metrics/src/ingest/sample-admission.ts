export type Admission = 'accepted' | 'late' | 'future';
export type RejectionReason = Exclude<Admission, 'accepted'>;

export interface AdmissionWindow {
  lateWindowMs: number;
  futureToleranceMs: number;
}

/**
 * Whether a sample is stored, judged against the time Kafka received its message rather than the time it is
 * handled: a batch fetched again after a PostgreSQL outage then gets the same answer, so an outage never turns
 * good samples into late ones.
 */
export function admitSample(tMs: number, receivedMs: number, window: AdmissionWindow): Admission {
  if (tMs < receivedMs - window.lateWindowMs) {
    return 'late';
  }
  if (tMs > receivedMs + window.futureToleranceMs) {
    return 'future';
  }
  return 'accepted';
}
