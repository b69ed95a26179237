import { formatFloat, formatGoValue } from './go-float';
import { goSprintf } from './go-printf';
import { AlertTemplate, checkTemplate } from './template';
import { humanize, humanize1024, humanizeDuration, humanizePercentage } from './template-functions';

async function render(src: string, value: number | string = 0.5, labels: Record<string, string> = { job: 'api' }) {
  const result = await AlertTemplate.parse(src, '__alert_Test').expand({
    labels,
    externalLabels: { cluster: 'eu1' },
    value,
  });
  if (!result.ok) {
    throw new Error(result.error);
  }
  return result.text;
}

describe('Go float formatting', () => {
  it.each([
    [0.05, '0.05'],
    [1234567, '1.234567e+06'],
    [100000, '100000'],
    [1e6, '1e+06'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [-2.5, '-2.5'],
    [NaN, 'NaN'],
    [Infinity, '+Inf'],
    [0, '0'],
  ])('%v prints as %s', (v, text) => {
    expect(formatGoValue(v)).toBe(text);
  });

  it('rounds %.4g half to even on exact ties and pads %f', () => {
    expect(formatFloat(0.125, 'g', 2)).toBe('0.12');
    expect(formatFloat(12345, 'g', 4)).toBe('1.234e+04');
    expect(formatFloat(2.5, 'f', 0)).toBe('2');
    expect(formatFloat(1.005, 'f', 2)).toBe('1.00');
    expect(formatFloat(3.14159, 'f', 2)).toBe('3.14');
    expect(formatFloat(1, 'e', 3)).toBe('1.000e+00');
  });
});

describe('printf', () => {
  it('formats verbs as fmt.Sprintf does', () => {
    expect(goSprintf('%s=%d %.2f %v %g %5.1f|%-4s|', ['a', 42n, 3.14159, 0.5, 1e21, 2.25, 'x'])).toBe(
      'a=42 3.14 0.5 1e+21   2.2|x   |',
    );
    expect(goSprintf('%d', [1.5])).toBe('%!d(float64=1.5)');
    expect(goSprintf('%s %s', ['a'])).toBe('a %!s(MISSING)');
    expect(goSprintf('%f%%', [12.5])).toBe('12.500000%');
  });
});

describe('humanize functions (Prometheus definitions)', () => {
  it.each([
    [humanize, 1234567, '1.235M'],
    [humanize, 0, '0'],
    [humanize, 0.0012, '1.2m'],
    [humanize, 1000, '1k'],
    [humanize1024, 1048576, '1Mi'],
    [humanize1024, 1536, '1.5ki'],
    [humanizeDuration, 3600, '1h 0m 0s'],
    [humanizeDuration, 90061, '1d 1h 1m 1s'],
    [humanizeDuration, 1.5, '1.5s'],
    [humanizeDuration, 0.25, '250ms'],
    [humanizeDuration, 0, '0s'],
    [humanizePercentage, 0.1234, '12.34%'],
  ])('%p(%p) = %p', (fn, v, text) => {
    expect(fn(v)).toBe(text);
  });

  it('accepts numeric strings and rejects others', () => {
    expect(humanize('2048')).toBe('2.048k');
    expect(() => humanize('abc')).toThrow('strconv.ParseFloat: parsing "abc": invalid syntax');
  });
});

describe('AlertTemplate', () => {
  it('renders variables, fields and pipelines', async () => {
    expect(await render('Error rate is {{ $value }}% on {{ $labels.job }}', 0.0712)).toBe(
      'Error rate is 0.0712% on api',
    );
    expect(await render('{{ .Labels.job }} {{ .Value }} {{ $externalLabels.cluster }}')).toBe('api 0.5 eu1');
    expect(await render('{{ $value | humanizePercentage }}')).toBe('50%');
    expect(await render('{{ printf "%.2f" $value }}', 1.23456)).toBe('1.23');
    expect(await render('{{ $labels.job | toUpper }} {{ title "hello wide-world" }}')).toBe('API Hello Wide-World');
    expect(await render('{{ reReplaceAll "(a)(p)" "${2}$1" $labels.job }}')).toBe('pai');
    expect(await render('[{{ $labels.missing }}]')).toBe('[]');
  });

  it('supports if/else, with, range, variables and trim markers', async () => {
    expect(await render('{{ if gt $value 1.0 }}high{{ else if gt $value 0.1 }}mid{{ else }}low{{ end }}', 0.5)).toBe(
      'mid',
    );
    expect(await render('{{ with $labels.job }}job={{ . }}{{ end }}')).toBe('job=api');
    expect(await render('{{ range $k, $v := $labels }}{{ $k }}={{ $v }};{{ end }}', 0, { b: '2', a: '1' })).toBe(
      'a=1;b=2;',
    );
    expect(await render('{{ $x := "v" }}{{ $x = "w" }}{{ $x }}')).toBe('w');
    expect(await render('a  {{- " b " -}}  c')).toBe('a b c');
    expect(await render('{{/* note */}}ok')).toBe('ok');
  });

  it('calls the injected query function', async () => {
    const t = AlertTemplate.parse('{{ with query "up" }}{{ . | first | value | humanize }}{{ end }}');
    const result = await t.expand(
      { labels: {}, value: 0 },
      { query: async () => [{ labels: { job: 'a' }, value: 2500 }] },
    );
    expect(result).toEqual({ ok: true, text: '2.5k' });
  });

  it('reports evaluation errors as results', async () => {
    const result = await AlertTemplate.parse('{{ humanize "abc" }}', '__alert_X').expand({ labels: {}, value: 1 });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain('error calling humanize: strconv.ParseFloat: parsing "abc"');
  });

  it.each([
    ['{{ $value ', 'template: t:1: unclosed action'],
    ['ok\n{{ nosuch $value }}', 'template: t:2: function "nosuch" not defined'],
    ['{{ $undefinedVar }}', 'template: t:1: undefined variable "$undefinedVar"'],
    ['{{ if $value }}x', 'template: t:1: unexpected EOF'],
    ['{{ end }}', 'template: t:1: unexpected {{end}}'],
    ['{{ }}', 'template: t:1: missing value for command'],
  ])('rejects %p', (src, message) => {
    expect(checkTemplate(src, 't')?.message).toBe(message);
  });

  it('gives the column of a parse error', () => {
    const err = checkTemplate('ab\ncd {{ nosuch }}', 't');
    expect([err?.line, err?.column]).toEqual([2, 7]);
  });
});
