import { AlertIntakeError, AlertIntakeErrorCode } from './alert-intake.error';
import type { AlertIntakeConfig } from './alert-intake.types';
import { severityOf } from './alert-identity';
import {
  alertIntakeConfigFromEnv,
  alertIntakeConfigFromJson,
  alertIntakeConfigIssues,
  DEFAULT_ALERT_INTAKE_CONFIG,
  formatDuration,
  parseAlertIntakeConfig,
  parseDuration,
} from './intake-config';

/** The error a call throws, so a test can look at its code and every issue. */
function refusal(run: () => unknown): AlertIntakeError {
  try {
    run();
  } catch (error) {
    if (error instanceof AlertIntakeError) return error;
    throw error;
  }
  throw new Error('expected an AlertIntakeError, nothing was thrown');
}

const MIN = 60_000;

describe('DEFAULT_ALERT_INTAKE_CONFIG', () => {
  it('opens a P1 for the seed severity critical only, by service then job, within 30 minutes, by alertname + service', () => {
    expect(DEFAULT_ALERT_INTAKE_CONFIG).toEqual({
      severityMap: { critical: 'P1' },
      serviceLabels: ['service', 'job'],
      correlationWindowMs: 30 * MIN,
      groupBy: ['alertname', 'service'],
    });
    expect(alertIntakeConfigIssues(DEFAULT_ALERT_INTAKE_CONFIG)).toEqual([]);
  });

  it('cannot be changed by accident', () => {
    expect(Object.isFrozen(DEFAULT_ALERT_INTAKE_CONFIG)).toBe(true);
    expect(Object.isFrozen(DEFAULT_ALERT_INTAKE_CONFIG.severityMap)).toBe(true);
    expect(Object.isFrozen(DEFAULT_ALERT_INTAKE_CONFIG.groupBy)).toBe(true);
  });
});

describe('parseDuration / formatDuration', () => {
  it.each([
    ['30m', 30 * MIN],
    ['1h', 60 * MIN],
    ['1h30m', 90 * MIN],
    ['90s', 90_000],
    ['2h0m5s', 2 * 60 * MIN + 5_000],
  ])('reads %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '30', '1d', '30M', ' 30m', '1m1h', '-5m', '1.5h'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it.each([
    [30 * MIN, '30m'],
    [90 * MIN, '1h30m'],
    [24 * 60 * MIN, '24h'],
    [61_000, '1m1s'],
    [0, '0s'],
  ])('writes %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('alertIntakeConfigFromEnv', () => {
  it('is the default without variables, ignoring variables of other settings', () => {
    expect(alertIntakeConfigFromEnv({ PORT: '4102', DATABASE_URL: 'postgres://x' })).toEqual(
      DEFAULT_ALERT_INTAKE_CONFIG,
    );
  });

  it('treats an empty or blank value as unset, as the other settings of the service do', () => {
    expect(alertIntakeConfigFromEnv({ ALERT_INTAKE_SEVERITY_MAP: '', ALERT_INTAKE_CORRELATION_WINDOW: '  ' })).toEqual(
      DEFAULT_ALERT_INTAKE_CONFIG,
    );
  });

  it('reads every setting; the severity map replaces the default one', () => {
    const config = alertIntakeConfigFromEnv({
      ALERT_INTAKE_SEVERITY_MAP: ' page = P0 , critical=P1, warning=P3,',
      ALERT_INTAKE_SERVICE_LABELS: 'app,service',
      ALERT_INTAKE_CORRELATION_WINDOW: '1h30m',
      ALERT_INTAKE_GROUP_BY: 'alertname, cluster',
    });
    expect(config).toEqual({
      severityMap: { page: 'P0', critical: 'P1', warning: 'P3' },
      serviceLabels: ['app', 'service'],
      correlationWindowMs: 90 * MIN,
      groupBy: ['alertname', 'cluster'],
    });
  });

  it('keeps the defaults of the settings it is not given', () => {
    const config = alertIntakeConfigFromEnv({ ALERT_INTAKE_SEVERITY_MAP: 'page=P0' });
    expect(config.severityMap).toEqual({ page: 'P0' });
    expect(config.serviceLabels).toEqual(['service', 'job']);
    expect(config.correlationWindowMs).toBe(30 * MIN);
  });

  it.each([
    [
      { ALERT_INTAKE_SEVERITY_MAP: 'page:P0' },
      'ALERT_INTAKE_SEVERITY_MAP entry "page:P0" must be <severity label value>=<P0..P3>, e.g. critical=P1',
    ],
    [
      { ALERT_INTAKE_SEVERITY_MAP: 'critical=P1,page=P5' },
      'ALERT_INTAKE_SEVERITY_MAP entry "page=P5" must map to one of P0, P1, P2, P3, got "P5"',
    ],
    [
      { ALERT_INTAKE_SEVERITY_MAP: 'page=p0' },
      'ALERT_INTAKE_SEVERITY_MAP entry "page=p0" must map to one of P0, P1, P2, P3, got "p0"',
    ],
    [{ ALERT_INTAKE_SEVERITY_MAP: '=P1' }, 'ALERT_INTAKE_SEVERITY_MAP entry "=P1" has an empty severity label value'],
    [{ ALERT_INTAKE_SEVERITY_MAP: 'critical=P1,critical=P0' }, 'ALERT_INTAKE_SEVERITY_MAP maps "critical" twice'],
    [
      { ALERT_INTAKE_SEVERITY_MAP: ',,' },
      'ALERT_INTAKE_SEVERITY_MAP must map at least one severity label value (e.g. critical=P1)',
    ],
    [
      { ALERT_INTAKE_SERVICE_LABELS: 'service,Service-Name' },
      'ALERT_INTAKE_SERVICE_LABELS entry "Service-Name" is not a label name (letters, digits and _, not starting with a digit)',
    ],
    [
      { ALERT_INTAKE_GROUP_BY: 'alertname,__name__' },
      'ALERT_INTAKE_GROUP_BY entry "__name__" is reserved (label names starting with "__" are internal)',
    ],
    [{ ALERT_INTAKE_GROUP_BY: 'alertname,service,alertname' }, 'ALERT_INTAKE_GROUP_BY names "alertname" twice'],
    [{ ALERT_INTAKE_GROUP_BY: ' , ' }, 'ALERT_INTAKE_GROUP_BY must name at least one label'],
    [
      { ALERT_INTAKE_CORRELATION_WINDOW: '30' },
      'ALERT_INTAKE_CORRELATION_WINDOW must be a duration such as 30m, 1h or 1h30m, got "30"',
    ],
    [{ ALERT_INTAKE_CORRELATION_WINDOW: '30s' }, 'ALERT_INTAKE_CORRELATION_WINDOW must be from 1m to 24h, got "30s"'],
    [
      { ALERT_INTAKE_CORRELATION_WINDOW: '24h1s' },
      'ALERT_INTAKE_CORRELATION_WINDOW must be from 1m to 24h, got "24h1s"',
    ],
    [
      { ALERT_INTAKE_WINDOW: '30m' },
      'ALERT_INTAKE_WINDOW is not a setting of the alert intake; expected one of ALERT_INTAKE_SEVERITY_MAP, ' +
        'ALERT_INTAKE_SERVICE_LABELS, ALERT_INTAKE_CORRELATION_WINDOW, ALERT_INTAKE_GROUP_BY',
    ],
  ])('refuses %j', (env, message) => {
    const error = refusal(() => alertIntakeConfigFromEnv(env));
    expect(error.code).toBe(AlertIntakeErrorCode.INVALID_ALERT_INTAKE_CONFIG);
    expect(error.issues.map((i) => i.message)).toEqual([message]);
    expect(error.message).toBe(message);
  });

  it('accepts the window limits themselves', () => {
    expect(alertIntakeConfigFromEnv({ ALERT_INTAKE_CORRELATION_WINDOW: '1m' }).correlationWindowMs).toBe(MIN);
    expect(alertIntakeConfigFromEnv({ ALERT_INTAKE_CORRELATION_WINDOW: '24h' }).correlationWindowMs).toBe(1440 * MIN);
  });

  it('lists every problem at once, each with its field', () => {
    const error = refusal(() =>
      alertIntakeConfigFromEnv({
        ALERT_INTAKE_SEVERITY_MAP: 'critical=P9',
        ALERT_INTAKE_CORRELATION_WINDOW: 'soon',
        ALERT_INTAKE_GROUP_BY: '1abc',
      }),
    );
    expect(error.issues.map((i) => i.field)).toEqual([
      'ALERT_INTAKE_SEVERITY_MAP entry "critical=P9"',
      'ALERT_INTAKE_CORRELATION_WINDOW',
      'ALERT_INTAKE_GROUP_BY entry "1abc"',
    ]);
    expect(error.message.split('; ')).toHaveLength(3);
  });
});

describe('alertIntakeConfigFromJson', () => {
  it('reads every setting', () => {
    expect(
      alertIntakeConfigFromJson(
        JSON.stringify({
          severityMap: { critical: 'P1', page: 'P0' },
          serviceLabels: ['service'],
          correlationWindow: '45m',
          groupBy: ['alertname'],
        }),
      ),
    ).toEqual({
      severityMap: { critical: 'P1', page: 'P0' },
      serviceLabels: ['service'],
      correlationWindowMs: 45 * MIN,
      groupBy: ['alertname'],
    });
  });

  it('keeps the default of each missing key', () => {
    expect(alertIntakeConfigFromJson('{"correlationWindow": "10m"}')).toEqual({
      ...DEFAULT_ALERT_INTAKE_CONFIG,
      correlationWindowMs: 10 * MIN,
    });
    expect(alertIntakeConfigFromJson('{}')).toEqual(DEFAULT_ALERT_INTAKE_CONFIG);
  });

  it.each([
    ['[]', '(json) must be an object with severityMap, serviceLabels, correlationWindow, groupBy, got []'],
    [
      '{"window": "30m"}',
      '(json).window is not a setting; expected one of severityMap, serviceLabels, correlationWindow, groupBy',
    ],
    ['{"severityMap": "critical=P1"}', 'severityMap must be an object such as {"critical": "P1"}, got "critical=P1"'],
    ['{"severityMap": {"page": "P5"}}', 'severityMap.page must map to one of P0, P1, P2, P3, got "P5"'],
    ['{"severityMap": {"page": 0}}', 'severityMap.page must map to one of P0, P1, P2, P3, got 0'],
    [
      '{"severityMap": {"sev 1 ": "P0"}}',
      'severityMap["sev 1 "] names a severity label value that starts or ends with whitespace',
    ],
    ['{"severityMap": {}}', 'severityMap must map at least one severity label value (e.g. critical=P1)'],
    ['{"serviceLabels": "service"}', 'serviceLabels must be an array of label names, got "service"'],
    ['{"serviceLabels": ["service", 7]}', 'serviceLabels[1] must be a label name, got 7'],
    ['{"groupBy": []}', 'groupBy must name at least one label'],
    ['{"correlationWindow": 30}', 'correlationWindow must be a duration such as 30m, 1h or 1h30m, got 30'],
  ])('refuses %s', (text, message) => {
    const error = refusal(() => alertIntakeConfigFromJson(text));
    expect(error.code).toBe(AlertIntakeErrorCode.INVALID_ALERT_INTAKE_CONFIG);
    expect(error.issues.map((i) => i.message)).toEqual([message]);
  });

  it('refuses text that is not JSON, saying so', () => {
    const error = refusal(() => alertIntakeConfigFromJson('{"severityMap": {'));
    expect(error.issues).toEqual([
      { field: '(json)', message: expect.stringMatching(/^\(json\) is not valid JSON: /) },
    ]);
  });

  it('keeps a label value such as "__proto__" a plain key, and inherited names unmapped', () => {
    const config = alertIntakeConfigFromJson('{"severityMap": {"__proto__": "P0", "critical": "P1"}}');
    expect(Object.keys(config.severityMap)).toEqual(['__proto__', 'critical']);
    expect(severityOf({ severity: '__proto__' }, config).severity).toBe('P0');
    expect(severityOf({ severity: 'constructor' }, config).severity).toBeNull();
    expect(severityOf({ severity: 'toString' }, DEFAULT_ALERT_INTAKE_CONFIG).severity).toBeNull();
  });
});

describe('parseAlertIntakeConfig', () => {
  it('reads env-style lines with comments, blank lines and quotes', () => {
    const text = [
      '# how alerts become incidents',
      'ALERT_INTAKE_SEVERITY_MAP="critical=P1,page=P0"',
      '',
      "ALERT_INTAKE_CORRELATION_WINDOW='15m'",
      '  ALERT_INTAKE_GROUP_BY = alertname,service,cluster  ',
    ].join('\n');
    expect(parseAlertIntakeConfig(text)).toEqual({
      severityMap: { critical: 'P1', page: 'P0' },
      serviceLabels: ['service', 'job'],
      correlationWindowMs: 15 * MIN,
      groupBy: ['alertname', 'service', 'cluster'],
    });
  });

  it('reads JSON when the text is an object', () => {
    expect(parseAlertIntakeConfig('  {"severityMap": {"page": "P0"}}').severityMap).toEqual({ page: 'P0' });
  });

  it('is the default for an empty text', () => {
    expect(parseAlertIntakeConfig('')).toEqual(DEFAULT_ALERT_INTAKE_CONFIG);
    expect(parseAlertIntakeConfig('\n# nothing set\n')).toEqual(DEFAULT_ALERT_INTAKE_CONFIG);
  });

  it('names the line of each problem', () => {
    const text = [
      'ALERT_INTAKE_GROUP_BY=alertname',
      'critical=P1',
      'ALERT_INTAKE_TYPO=1',
      'ALERT_INTAKE_GROUP_BY=service',
      'ALERT_INTAKE_CORRELATION_WINDOW=2d',
    ].join('\r\n');
    expect(refusal(() => parseAlertIntakeConfig(text)).issues.map((i) => i.message)).toEqual([
      'line 2 must be NAME=value, got "critical=P1"',
      'line 3 sets ALERT_INTAKE_TYPO, which is not a setting; expected one of ALERT_INTAKE_SEVERITY_MAP, ' +
        'ALERT_INTAKE_SERVICE_LABELS, ALERT_INTAKE_CORRELATION_WINDOW, ALERT_INTAKE_GROUP_BY',
      'line 4 sets ALERT_INTAKE_GROUP_BY again (first set on line 1)',
      'ALERT_INTAKE_CORRELATION_WINDOW must be a duration such as 30m, 1h or 1h30m, got "2d"',
    ]);
  });
});

describe('alertIntakeConfigIssues', () => {
  it('checks a configuration built in code', () => {
    const config = {
      severityMap: { critical: 'P7' },
      serviceLabels: [],
      correlationWindowMs: 1.5,
      groupBy: ['alertname', 'alertname'],
    } as unknown as AlertIntakeConfig;
    expect(alertIntakeConfigIssues(config).map((i) => i.message)).toEqual([
      'severityMap.critical must map to one of P0, P1, P2, P3, got "P7"',
      'serviceLabels must name at least one label',
      'groupBy names "alertname" twice',
      'correlationWindowMs must be whole milliseconds from 60000 to 86400000, got 1.5',
    ]);
  });
});
