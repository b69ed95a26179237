import {
  CONTRIBUTING_FACTOR_CATEGORIES,
  CONTRIBUTING_FACTOR_CATEGORY_IDS,
  contributingFactorLabel,
  isContributingFactorCategory,
  validateContributingFactor,
} from './contributing-factors';
import { PostMortemException } from './post-mortem.exception';

describe('contributing factor taxonomy', () => {
  it('has unique ids and labels, each with a description', () => {
    expect(new Set(CONTRIBUTING_FACTOR_CATEGORY_IDS).size).toBe(CONTRIBUTING_FACTOR_CATEGORIES.length);
    expect(new Set(CONTRIBUTING_FACTOR_CATEGORIES.map((c) => c.label)).size).toBe(
      CONTRIBUTING_FACTOR_CATEGORIES.length,
    );
    for (const category of CONTRIBUTING_FACTOR_CATEGORIES) {
      expect(category.id).toMatch(/^[a-z][a-z_]*$/);
      expect(category.description.length).toBeGreaterThan(20);
    }
  });

  it('covers changes, capacity, dependencies, detection and process, ends with unknown, and blames nobody', () => {
    expect(CONTRIBUTING_FACTOR_CATEGORY_IDS).toEqual(
      expect.arrayContaining([
        'code_change',
        'configuration_change',
        'capacity',
        'dependency_failure',
        'monitoring_gap',
        'process',
        'communication',
        'data',
        'security',
      ]),
    );
    expect(CONTRIBUTING_FACTOR_CATEGORY_IDS.at(-1)).toBe('unknown');
    expect(CONTRIBUTING_FACTOR_CATEGORY_IDS.some((id) => id.includes('human'))).toBe(false);
  });

  it('recognizes categories and labels them', () => {
    expect(isContributingFactorCategory('monitoring_gap')).toBe(true);
    expect(isContributingFactorCategory('human_error')).toBe(false);
    expect(contributingFactorLabel('dependency_failure')).toBe('Dependency failure');
  });

  it('validates a factor and trims its text', () => {
    expect(validateContributingFactor({ category: 'data', description: '  bad row in import  ' })).toEqual({
      category: 'data',
      description: 'bad row in import',
    });
    expect(validateContributingFactor({ category: 'unknown' })).toEqual({ category: 'unknown', description: '' });
  });

  it('refuses an unknown category and overlong text, naming the field', () => {
    expect(() => validateContributingFactor({ category: 'human_error' })).toThrow(PostMortemException);
    expect(() => validateContributingFactor({ category: 'human_error' })).toThrow(
      /contributing factor category must be one of code_change, .*, unknown, got "human_error"/,
    );
    expect(() => validateContributingFactor({ category: 'data', description: 'x'.repeat(2001) })).toThrow(
      'contributing factor description must have at most 2000 characters, got 2001',
    );
  });
});
