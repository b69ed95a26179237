import { formatFloat } from './go-float';
import { goPrint, goTypeName, type TemplateValue } from './values';

interface Spec {
  minus: boolean;
  plus: boolean;
  zero: boolean;
  space: boolean;
  sharp: boolean;
  width?: number;
  prec?: number;
}

function pad(text: string, spec: Spec, numeric: boolean): string {
  if (spec.width === undefined || text.length >= spec.width) {
    return text;
  }
  const fill = spec.width - text.length;
  if (spec.minus) {
    return text + ' '.repeat(fill);
  }
  if (spec.zero && numeric) {
    const sign = /^[+\- ]/.test(text) ? text[0] : '';
    return sign + '0'.repeat(fill) + text.slice(sign.length);
  }
  return ' '.repeat(fill) + text;
}

function signed(text: string, spec: Spec): string {
  if (text.startsWith('-') || text === 'NaN') {
    return text;
  }
  if (spec.plus) {
    return `+${text.replace(/^\+/, '')}`;
  }
  if (spec.space) {
    return ` ${text.replace(/^\+/, '')}`;
  }
  return text;
}

function bad(verb: string, v: TemplateValue): string {
  return `%!${verb}(${goTypeName(v)}=${goPrint(v)})`;
}

function quote(s: string): string {
  return JSON.stringify(s);
}

function formatOne(verb: string, v: TemplateValue, spec: Spec): string {
  switch (verb) {
    case 'v':
      return pad(typeof v === 'number' ? signed(formatFloat(v, 'g', spec.prec ?? -1), spec) : goPrint(v), spec, false);
    case 's':
      if (typeof v === 'string') {
        return pad(spec.prec === undefined ? v : [...v].slice(0, spec.prec).join(''), spec, false);
      }
      return typeof v === 'number' || typeof v === 'bigint' ? bad(verb, v) : pad(goPrint(v), spec, false);
    case 'q':
      return typeof v === 'string' ? pad(quote(v), spec, false) : bad(verb, v);
    case 't':
      return typeof v === 'boolean' ? pad(String(v), spec, false) : bad(verb, v);
    case 'd':
      return typeof v === 'bigint' ? pad(signed(v.toString(), spec), spec, true) : bad(verb, v);
    case 'x':
    case 'X': {
      let text: string;
      if (typeof v === 'bigint') {
        text = (v < 0n ? '-' : '') + (v < 0n ? -v : v).toString(16);
      } else if (typeof v === 'string') {
        text = Buffer.from(v, 'utf8').toString('hex');
      } else {
        return bad(verb, v);
      }
      return pad(verb === 'X' ? text.toUpperCase() : text, spec, true);
    }
    case 'f':
    case 'F':
    case 'e':
    case 'E':
    case 'g':
    case 'G': {
      if (typeof v !== 'number') {
        return bad(verb, v);
      }
      const kind = verb.toLowerCase() as 'e' | 'f' | 'g';
      const prec = spec.prec ?? (kind === 'g' ? -1 : 6);
      const text = signed(formatFloat(v, kind, prec), spec);
      return pad(verb === 'E' || verb === 'G' ? text.toUpperCase() : text, spec, Number.isFinite(v));
    }
    default:
      return `%!${verb}(${goTypeName(v)}=${goPrint(v)})`;
  }
}

/** fmt.Sprintf for the verbs templates use: %v %s %q %t %d %x %X %f %F %e %E %g %G with flags, width, precision. */
export function goSprintf(format: string, args: readonly TemplateValue[]): string {
  let out = '';
  let argIndex = 0;
  const re = /%([-+ 0#]*)(\d+)?(?:\.(\d*))?(.)?/gy;
  let i = 0;
  while (i < format.length) {
    const next = format.indexOf('%', i);
    if (next === -1) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, next);
    re.lastIndex = next;
    const m = re.exec(format);
    if (!m) {
      break;
    }
    i = re.lastIndex;
    const [, flags, width, prec, verb] = m;
    if (verb === undefined) {
      out += '%!(NOVERB)';
      continue;
    }
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argIndex >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const spec: Spec = {
      minus: flags.includes('-'),
      plus: flags.includes('+'),
      zero: flags.includes('0'),
      space: flags.includes(' '),
      sharp: flags.includes('#'),
      width: width === undefined ? undefined : Number(width),
      prec: prec === undefined ? undefined : Number(prec || '0'),
    };
    out += formatOne(verb, args[argIndex++], spec);
  }
  if (argIndex < args.length) {
    out += `%!(EXTRA ${args
      .slice(argIndex)
      .map((a) => `${goTypeName(a)}=${goPrint(a)}`)
      .join(', ')})`;
  }
  return out;
}
