import { alertRuleNamesOf } from './alert-rules';

describe('alertRuleNamesOf', () => {
  it('lists the distinct alerting rule names of every group, sorted, without recording rules', () => {
    const body = {
      status: 'success',
      data: {
        groups: [
          {
            name: 'db',
            file: 'db.yml',
            rules: [
              { type: 'alerting', name: 'DatabaseDown', query: 'up == 0', state: 'inactive' },
              { type: 'recording', name: 'job:up:sum', query: 'sum(up)' },
            ],
          },
          {
            name: 'http',
            rules: [
              { type: 'alerting', name: 'HighErrorRate' },
              { type: 'alerting', name: 'DatabaseDown' },
            ],
          },
          { name: 'empty', rules: [] },
        ],
      },
    };
    expect(alertRuleNamesOf(body)).toEqual(['DatabaseDown', 'HighErrorRate']);
  });

  it('says what is wrong with an answer it cannot use', () => {
    expect(() => alertRuleNamesOf(null)).toThrow('not a Prometheus API answer');
    expect(() => alertRuleNamesOf({ status: 'error', errorType: 'bad_data', error: 'boom' })).toThrow(
      'status is "error": boom',
    );
    expect(() => alertRuleNamesOf({ status: 'success', data: {} })).toThrow('data.groups is not a list');
    expect(() => alertRuleNamesOf({ status: 'success', data: { groups: [{ name: 'x' }] } })).toThrow(
      'data.groups[0].rules is not a list',
    );
    expect(() =>
      alertRuleNamesOf({ status: 'success', data: { groups: [{ rules: [{ type: 'alerting', name: '' }] }] } }),
    ).toThrow('data.groups[0].rules[0] has no name');
  });
});
