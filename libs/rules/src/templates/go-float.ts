// Go's strconv float formatting ('e', 'f', 'g' with a precision or shortest), so template output matches
// what Prometheus prints byte for byte.

interface Digits {
  digits: string; // significant digits, no trailing zeros, '' for zero
  dp: number; // decimal point position relative to the digits
}

function shortestDigits(v: number): Digits {
  if (v === 0) {
    return { digits: '', dp: 0 };
  }
  const [mantissa, exp] = v.toExponential().split('e');
  const digits = mantissa.replace('.', '').replace(/0+$/, '');
  return { digits, dp: Number(exp) + 1 };
}

// Rounds to `prec` significant digits, half to even on exact ties as Go's decimal rounding does.
function roundedDigits(v: number, prec: number): Digits {
  if (v === 0) {
    return { digits: '', dp: 0 };
  }
  const [mantissa, exp] = v.toExponential(99).split('e');
  const all = mantissa.replace('.', '');
  let dp = Number(exp) + 1;
  if (prec >= all.length) {
    return { digits: all.replace(/0+$/, ''), dp };
  }
  const kept = all.slice(0, prec).split('').map(Number);
  const rest = all.slice(prec);
  const tie = rest[0] === '5' && /^5?0*$/.test(rest);
  const up = rest[0] > '5' || (rest[0] === '5' && (!tie || (prec > 0 && kept[prec - 1] % 2 === 1)));
  if (up) {
    let i = kept.length - 1;
    while (i >= 0 && kept[i] === 9) {
      kept[i] = 0;
      i--;
    }
    if (i < 0) {
      kept.unshift(1);
      kept.pop();
      dp++;
    } else {
      kept[i]++;
    }
  }
  return { digits: kept.join('').replace(/0+$/, ''), dp };
}

function digitAt(d: Digits, i: number): string {
  return i >= 0 && i < d.digits.length ? d.digits[i] : '0';
}

function fmtE(d: Digits, prec: number, neg: boolean): string {
  let out = neg ? '-' : '';
  out += d.digits === '' ? '0' : d.digits[0];
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) {
      out += digitAt(d, i);
    }
  }
  const exp = d.digits === '' ? 0 : d.dp - 1;
  const abs = Math.abs(exp);
  return `${out}e${exp < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
}

function fmtF(d: Digits, prec: number, neg: boolean): string {
  let out = neg ? '-' : '';
  if (d.dp > 0) {
    for (let i = 0; i < d.dp; i++) {
      out += digitAt(d, i);
    }
  } else {
    out += '0';
  }
  if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) {
      out += digitAt(d, d.dp + i);
    }
  }
  return out;
}

function special(v: number): string | undefined {
  if (Number.isNaN(v)) {
    return 'NaN';
  }
  if (!Number.isFinite(v)) {
    return v > 0 ? '+Inf' : '-Inf';
  }
  return undefined;
}

/** strconv.FormatFloat(v, fmt, prec, 64); prec -1 means the shortest representation that round-trips. */
export function formatFloat(v: number, fmt: 'e' | 'f' | 'g', prec: number): string {
  const s = special(v);
  if (s !== undefined) {
    return s;
  }
  const neg = v < 0 || Object.is(v, -0);
  const abs = Math.abs(v);
  const shortest = prec < 0;
  if (fmt === 'f') {
    if (shortest) {
      const d = shortestDigits(abs);
      return fmtF(d, Math.max(d.digits.length - d.dp, 0), neg);
    }
    // Round at a fixed number of decimals: the number of significant digits depends on the magnitude.
    const d0 = shortestDigits(abs);
    const sig = d0.dp + prec;
    if (sig < 0) {
      return fmtF({ digits: '', dp: 0 }, prec, neg);
    }
    return fmtF(sig === 0 ? roundToZeroDigits(d0) : roundedDigits(abs, sig), prec, neg);
  }
  if (fmt === 'e') {
    const d = shortest ? shortestDigits(abs) : roundedDigits(abs, prec + 1);
    return fmtE(d, shortest ? Math.max(d.digits.length - 1, 0) : prec, neg);
  }
  let p = prec === 0 ? 1 : prec;
  const d = shortest ? shortestDigits(abs) : roundedDigits(abs, p);
  const nd = d.digits.length;
  let eprec = p;
  if (shortest) {
    eprec = 6;
  } else if (eprec > nd && nd >= d.dp) {
    eprec = nd;
  }
  const exp = d.dp - 1;
  if (nd > 0 && (exp < -4 || exp >= eprec)) {
    if (shortest || p > nd) {
      p = nd;
    }
    return fmtE(d, p - 1, neg);
  }
  if (shortest || p > d.dp) {
    p = nd;
  }
  return fmtF(d, Math.max(p - d.dp, 0), neg);
}

// Rounding to zero significant digits: the value rounds up to one unit of the next digit or down to zero.
function roundToZeroDigits(d: Digits): Digits {
  const first = d.digits[0] ?? '0';
  const onlyFive = first === '5' && d.digits.length === 1;
  return first > '5' || (first === '5' && !onlyFive) ? { digits: '1', dp: d.dp + 1 } : { digits: '', dp: 0 };
}

/** fmt's %v for a float64: shortest 'g' with Go's exponent thresholds (1e+06, 1e-05). */
export function formatGoValue(v: number): string {
  return formatFloat(v, 'g', -1);
}
