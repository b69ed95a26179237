import { eventually, until } from './eventually';

describe('eventually', () => {
  it('resolves with the first value other than undefined, without probing again', async () => {
    let calls = 0;
    const probe = () => {
      calls += 1;
      return { calls };
    };
    await expect(eventually(probe)).resolves.toEqual({ calls: 1 });
    expect(calls).toBe(1);
  });

  it('keeps probing (sync or async) until the probe has a value, and passes on falsy values', async () => {
    let calls = 0;
    const value = await eventually(
      async () => {
        calls += 1;
        return calls < 4 ? undefined : 0;
      },
      { intervalMs: 1 },
    );
    expect(value).toBe(0);
    expect(calls).toBe(4);

    const empty = await eventually(() => '', { intervalMs: 1 });
    expect(empty).toBe('');
  });

  it('rejects with what it waited for once the deadline has passed', async () => {
    let calls = 0;
    const probe = (): string | undefined => {
      calls += 1;
      return undefined;
    };
    await expect(eventually(probe, { timeoutMs: 20, intervalMs: 1, what: 'the answer' })).rejects.toThrow(
      'timed out after 20 ms waiting for the answer',
    );
    expect(calls).toBeGreaterThan(1);
    await expect(eventually(() => undefined, { timeoutMs: 0, intervalMs: 1 })).rejects.toThrow(
      'timed out after 0 ms waiting for condition',
    );
  });

  it("rejects with the probe's own error at once, without retrying", async () => {
    let calls = 0;
    const probe = (): Promise<number | undefined> => {
      calls += 1;
      return Promise.reject(new Error('connection refused'));
    };
    await expect(eventually(probe, { intervalMs: 1 })).rejects.toThrow('connection refused');
    expect(calls).toBe(1);
  });
});

describe('until', () => {
  it('resolves once the condition holds', async () => {
    let calls = 0;
    await until(
      () => {
        calls += 1;
        return calls === 3;
      },
      { intervalMs: 1 },
    );
    expect(calls).toBe(3);

    let ready = false;
    setTimeout(() => (ready = true), 5);
    await expect(until(async () => ready, { intervalMs: 1 })).resolves.toBeUndefined();
  });

  it('rejects with what it waited for when the condition never holds', async () => {
    await expect(until(() => false, { timeoutMs: 10, intervalMs: 1, what: 'the lease' })).rejects.toThrow(
      'timed out after 10 ms waiting for the lease',
    );
  });
});
