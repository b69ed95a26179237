import { type BinaryExpr, type BinaryOp, isComparisonOp, type VectorMatching } from '../ast/ast';
import { assertUniqueLabelsets } from './context';
import { dropMetricName, formatLabels, METRIC_NAME, pickLabels, signature } from './labels';
import { PromQLError, type Labels } from './types';
import type { InstantSample, Value } from './values';

const DEFAULT_MATCHING: VectorMatching = { card: 'one-to-one', on: false, labels: [], include: [] };
const ARITHMETIC: readonly string[] = ['+', '-', '*', '/', '%', '^', 'atan2'];

function dropsName(op: BinaryOp): boolean {
  return ARITHMETIC.includes(op);
}

/** Go's math.Pow differs from ** for a base of 1 or -1 with NaN/Inf exponents. */
function goPow(a: number, b: number): number {
  if (a === 1 || (a === -1 && !Number.isFinite(b) && !Number.isNaN(b))) {
    return 1;
  }
  return a ** b;
}

export function arithmetic(op: BinaryOp, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '%':
      return a % b;
    case '^':
      return goPow(a, b);
    case 'atan2':
      return Math.atan2(a, b);
    default:
      throw new PromQLError('execution', `operator ${JSON.stringify(op)} not allowed for scalar operations`);
  }
}

export function compare(op: BinaryOp, a: number, b: number): boolean {
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '>':
      return a > b;
    case '<':
      return a < b;
    case '>=':
      return a >= b;
    case '<=':
      return a <= b;
    default:
      return false;
  }
}

/** One element-wise operation: the resulting value and whether the element survives (comparisons filter). */
function elementOp(op: BinaryOp, a: number, b: number): [number, boolean] {
  if (isComparisonOp(op)) {
    return [a, compare(op, a, b)];
  }
  return [arithmetic(op, a, b), true];
}

export function evalBinary(e: BinaryExpr, lhs: Value, rhs: Value): Value {
  if (lhs.type === 'scalar' && rhs.type === 'scalar') {
    if (isComparisonOp(e.op)) {
      return { type: 'scalar', v: compare(e.op, lhs.v, rhs.v) ? 1 : 0 };
    }
    return { type: 'scalar', v: arithmetic(e.op, lhs.v, rhs.v) };
  }
  if (lhs.type === 'vector' && rhs.type === 'scalar') {
    return { type: 'vector', samples: vectorScalar(e, lhs.samples, rhs.v, false) };
  }
  if (lhs.type === 'scalar' && rhs.type === 'vector') {
    return { type: 'vector', samples: vectorScalar(e, rhs.samples, lhs.v, true) };
  }
  if (lhs.type === 'vector' && rhs.type === 'vector') {
    const matching = e.matching ?? DEFAULT_MATCHING;
    switch (e.op) {
      case 'and':
        return { type: 'vector', samples: and(lhs.samples, rhs.samples, matching) };
      case 'or':
        return { type: 'vector', samples: or(lhs.samples, rhs.samples, matching) };
      case 'unless':
        return { type: 'vector', samples: unless(lhs.samples, rhs.samples, matching) };
      default:
        return { type: 'vector', samples: vectorVector(e, lhs.samples, rhs.samples, matching) };
    }
  }
  throw new PromQLError('execution', 'binary expression must contain only scalar and instant vector types');
}

function vectorScalar(e: BinaryExpr, vec: InstantSample[], scalar: number, swap: boolean): InstantSample[] {
  const out: InstantSample[] = [];
  for (const s of vec) {
    const [a, b] = swap ? [scalar, s.v] : [s.v, scalar];
    let [value, keep] = elementOp(e.op, a, b);
    // A comparison always keeps the vector element's value, whichever side it is on.
    if (isComparisonOp(e.op) && swap) {
      value = b;
    }
    if (e.returnBool) {
      value = keep ? 1 : 0;
      keep = true;
    }
    if (keep) {
      const labels = dropsName(e.op) || e.returnBool ? dropMetricName(s.labels) : s.labels;
      out.push({ labels, v: value });
    }
  }
  assertUniqueLabelsets(out);
  return out;
}

const signatureCache = new WeakMap<VectorMatching, WeakMap<Labels, string>>();

function sigFn(m: VectorMatching): (l: Labels) => string {
  let cache = signatureCache.get(m);
  if (!cache) {
    cache = new WeakMap();
    signatureCache.set(m, cache);
  }
  const c = cache;
  return (l) => {
    let sig = c.get(l);
    if (sig === undefined) {
      sig = signature(l, m.on, m.labels);
      c.set(l, sig);
    }
    return sig;
  };
}

function and(lhs: InstantSample[], rhs: InstantSample[], m: VectorMatching): InstantSample[] {
  const sig = sigFn(m);
  const right = new Set(rhs.map((s) => sig(s.labels)));
  return lhs.filter((s) => right.has(sig(s.labels)));
}

function or(lhs: InstantSample[], rhs: InstantSample[], m: VectorMatching): InstantSample[] {
  const sig = sigFn(m);
  const left = new Set(lhs.map((s) => sig(s.labels)));
  return [...lhs, ...rhs.filter((s) => !left.has(sig(s.labels)))];
}

function unless(lhs: InstantSample[], rhs: InstantSample[], m: VectorMatching): InstantSample[] {
  const sig = sigFn(m);
  const right = new Set(rhs.map((s) => sig(s.labels)));
  return lhs.filter((s) => !right.has(sig(s.labels)));
}

function vectorVector(
  e: BinaryExpr,
  lhsIn: InstantSample[],
  rhsIn: InstantSample[],
  m: VectorMatching,
): InstantSample[] {
  const sig = sigFn(m);
  // One-to-many is handled as many-to-one with the sides swapped; values are swapped back per element.
  const swapped = m.card === 'one-to-many';
  const [many, one] = swapped ? [rhsIn, lhsIn] : [lhsIn, rhsIn];
  const oneBySig = new Map<string, InstantSample>();
  for (const rs of one) {
    const key = sig(rs.labels);
    const dup = oneBySig.get(key);
    if (dup) {
      const pair = [formatLabels(rs.labels), formatLabels(dup.labels)].sort();
      throw new PromQLError(
        'execution',
        `found duplicate series for the match group ${formatLabels(pickLabels(rs.labels, m.on, m.labels))} on the ` +
          `${swapped ? 'left' : 'right'} hand-side of the operation: [${pair[0]}, ${pair[1]}];` +
          'many-to-many matching not allowed: matching labels must be unique on one side',
      );
    }
    oneBySig.set(key, rs);
  }
  const matched = new Map<string, Set<string> | null>();
  const out: InstantSample[] = [];
  for (const ls of many) {
    const key = sig(ls.labels);
    const rs = oneBySig.get(key);
    if (!rs) {
      continue;
    }
    const labels = resultLabels(ls.labels, rs.labels, e, m);
    if (m.card === 'one-to-one') {
      if (matched.has(key)) {
        throw new PromQLError(
          'execution',
          'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)',
        );
      }
      matched.set(key, null);
    } else {
      let inserted = matched.get(key);
      if (!inserted) {
        inserted = new Set();
        matched.set(key, inserted);
      }
      const resultKey = signature(labels, false, []) + (labels[METRIC_NAME] ?? '');
      if (inserted.has(resultKey)) {
        throw new PromQLError(
          'execution',
          'multiple matches for matching labels in many-to-one matching must be explicit (group_left/group_right)',
        );
      }
      inserted.add(resultKey);
    }
    const [a, b] = swapped ? [rs.v, ls.v] : [ls.v, rs.v];
    let [value, keep] = elementOp(e.op, a, b);
    if (e.returnBool) {
      value = keep ? 1 : 0;
      keep = true;
    }
    if (!keep) {
      continue;
    }
    out.push({ labels: e.returnBool ? dropMetricName(labels) : labels, v: value });
  }
  return out;
}

function resultLabels(many: Labels, one: Labels, e: BinaryExpr, m: VectorMatching): Labels {
  let out: Labels = { ...many };
  if (dropsName(e.op)) {
    delete out[METRIC_NAME];
  }
  if (m.card === 'one-to-one') {
    if (m.on) {
      const kept: Labels = {};
      for (const n of m.labels) {
        if (out[n] !== undefined) {
          kept[n] = out[n];
        }
      }
      out = kept;
    } else {
      for (const n of m.labels) {
        delete out[n];
      }
    }
  }
  for (const n of m.include) {
    const v = one[n];
    if (v !== undefined && v !== '') {
      out[n] = v;
    } else {
      delete out[n];
    }
  }
  return out;
}
