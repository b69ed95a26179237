import { admitSample } from './sample-admission';

const window = { lateWindowMs: 3_600_000, futureToleranceMs: 600_000 };
const received = Date.UTC(2025, 4, 3, 12);

describe('admitSample', () => {
  it('accepts samples inside the window, its edges included', () => {
    expect(admitSample(received, received, window)).toBe('accepted');
    expect(admitSample(received - 3_600_000, received, window)).toBe('accepted');
    expect(admitSample(received + 600_000, received, window)).toBe('accepted');
  });

  it('rejects samples older than the late window as late', () => {
    expect(admitSample(received - 3_600_001, received, window)).toBe('late');
    expect(admitSample(0, received, window)).toBe('late');
  });

  it('rejects samples beyond the future tolerance as future', () => {
    expect(admitSample(received + 600_001, received, window)).toBe('future');
  });

  it('with a zero window accepts only the receive time itself', () => {
    const none = { lateWindowMs: 0, futureToleranceMs: 0 };
    expect(admitSample(received, received, none)).toBe('accepted');
    expect(admitSample(received - 1, received, none)).toBe('late');
    expect(admitSample(received + 1, received, none)).toBe('future');
  });
});
