// ESLint flat config. The architecture is enforced here:
// - @nx/enforce-module-boundaries with real tag constraints (apps never import apps, libs never import apps,
//   a service's libs are not imported by another service, type layering contracts < util < data-access < feature);
// - deep imports into a lib are refused (one public index.ts per lib, alias @keel/<name>);
// - only repositories, entities and migrations import TypeORM;
// - focused tests (it.only / describe.only) fail lint.
import nx from '@nx/eslint-plugin';
import jest from 'eslint-plugin-jest';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default [
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.nx/**',
      '**/.keel/**',
      '**/coverage/**',
      'apps/portal/.next/**',
      '**/__fixtures__/**',
    ],
  },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parser: tseslint.parser },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          banTransitiveDependencies: false,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util', 'type:contracts'],
            },
            {
              sourceTag: 'type:feature',
              onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util', 'type:contracts'],
            },
            {
              sourceTag: 'type:data-access',
              onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:contracts'],
            },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:contracts'] },
            {
              sourceTag: 'type:e2e',
              onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util', 'type:contracts'],
            },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
            {
              sourceTag: 'type:tool',
              onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util', 'type:contracts'],
            },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:gateway', 'scope:shared'] },
            { sourceTag: 'scope:identity', onlyDependOnLibsWithTags: ['scope:identity', 'scope:shared'] },
            { sourceTag: 'scope:incidents', onlyDependOnLibsWithTags: ['scope:incidents', 'scope:shared'] },
            { sourceTag: 'scope:metrics', onlyDependOnLibsWithTags: ['scope:metrics', 'scope:shared'] },
            { sourceTag: 'scope:alerting', onlyDependOnLibsWithTags: ['scope:alerting', 'scope:shared'] },
            { sourceTag: 'scope:cli', onlyDependOnLibsWithTags: ['scope:cli', 'scope:shared'] },
            { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@keel/*/*'],
              message: 'Import a lib through its public index (@keel/<name>), never a deep path.',
            },
            {
              group: ['typeorm', 'typeorm/*'],
              message: 'Only *.repository.ts, *.entity.ts, migrations and libs/database import TypeORM.',
            },
          ],
        },
      ],
    },
  },
  {
    // The places allowed to touch TypeORM: repositories, entities, migrations, and the database lib itself.
    files: [
      '**/*.repository.ts',
      '**/*.entity.ts',
      '**/migrations/**/*.ts',
      'libs/database/**/*.ts',
      'libs/testing/**/*.ts',
      '**/*.int-spec.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@keel/*/*'],
              message: 'Import a lib through its public index (@keel/<name>), never a deep path.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
    plugins: { jest },
    rules: {
      'jest/no-focused-tests': 'error',
      'jest/no-disabled-tests': 'error',
      'jest/no-identical-title': 'error',
      'jest/valid-expect': 'error',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
];
