// Compensated (Kahan–Neumaier) summation and the mean calculation Prometheus uses for avg and avg_over_time:
// a direct mean as long as the running sum stays finite, an incremental mean once it would overflow.

export function kahanSumInc(inc: number, sum: number, c: number): [number, number] {
  const t = sum + inc;
  if (!Number.isFinite(t) && !Number.isNaN(t)) {
    return [t, 0];
  }
  if (Math.abs(sum) >= Math.abs(inc)) {
    return [t, c + (sum - t + inc)];
  }
  return [t, c + (inc - t + sum)];
}

export function kahanSum(values: readonly number[]): number {
  let sum = 0;
  let c = 0;
  for (const v of values) {
    [sum, c] = kahanSumInc(v, sum, c);
  }
  return Number.isFinite(sum) ? sum + c : sum;
}

export class MeanAccumulator {
  private count = 0;
  private sum = 0;
  private c = 0;
  private mean = 0;
  private incremental = false;

  add(v: number): void {
    this.count++;
    if (this.count === 1) {
      this.sum = v;
      return;
    }
    if (!this.incremental) {
      const [sum, c] = kahanSumInc(v, this.sum, this.c);
      if (Number.isFinite(sum) || Number.isNaN(sum)) {
        this.sum = sum;
        this.c = c;
        return;
      }
      this.incremental = true;
      this.mean = this.sum / (this.count - 1);
      this.c /= this.count - 1;
    }
    if (!Number.isFinite(this.mean) && !Number.isNaN(this.mean)) {
      if (!Number.isFinite(v) && !Number.isNaN(v) && this.mean > 0 === v > 0) {
        return;
      }
      if (Number.isFinite(v)) {
        return;
      }
    }
    const q = (this.count - 1) / this.count;
    [this.mean, this.c] = kahanSumInc(v / this.count, q * this.mean, q * this.c);
  }

  value(): number {
    if (this.incremental) {
      return this.mean + this.c;
    }
    if (this.count === 1) {
      return this.sum;
    }
    return this.sum / this.count + this.c / this.count;
  }
}
