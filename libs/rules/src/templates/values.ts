import { formatGoValue } from './go-float';

/**
 * A value inside a template. Go distinguishes int from float64, so ints are bigint and floats are number;
 * maps are plain records (label sets), slices arrays (query results).
 */
export type TemplateValue =
  string | number | bigint | boolean | null | undefined | TemplateValue[] | { [key: string]: TemplateValue };

/** The Go type name fmt prints in its error verbs, e.g. `%!d(float64=1.5)`. */
export function goTypeName(v: TemplateValue): string {
  if (typeof v === 'string') {
    return 'string';
  }
  if (typeof v === 'number') {
    return 'float64';
  }
  if (typeof v === 'bigint') {
    return 'int';
  }
  if (typeof v === 'boolean') {
    return 'bool';
  }
  if (v === null || v === undefined) {
    return '<nil>';
  }
  return Array.isArray(v) ? '[]interface {}' : 'map[string]string';
}

/** fmt.Sprint of one value, as text/template prints an action's result. */
export function goPrint(v: TemplateValue): string {
  if (typeof v === 'string') {
    return v;
  }
  if (typeof v === 'number') {
    return formatGoValue(v);
  }
  if (typeof v === 'bigint' || typeof v === 'boolean') {
    return String(v);
  }
  if (v === null || v === undefined) {
    return '<no value>';
  }
  if (Array.isArray(v)) {
    return `[${v.map((x) => (x === null || x === undefined ? '<nil>' : goPrint(x))).join(' ')}]`;
  }
  const keys = Object.keys(v).sort();
  return `map[${keys.map((k) => `${k}:${goPrint(v[k])}`).join(' ')}]`;
}

/** text/template truthiness: false, 0, nil and empty strings, slices and maps are false. */
export function isTrue(v: TemplateValue): boolean {
  if (v === null || v === undefined || v === false || v === '' || v === 0 || v === 0n) {
    return false;
  }
  if (Array.isArray(v)) {
    return v.length > 0;
  }
  if (typeof v === 'object') {
    return Object.keys(v).length > 0;
  }
  return true;
}
