import { argv, envOf, flagValues, parseDockerfile } from './dockerfile';

const text = [
  '# syntax=docker/dockerfile:1.20',
  'ARG VERSION=1',
  'FROM node:24-bookworm-slim AS build',
  'RUN npm ci \\',
  '  # a comment inside a continuation',
  '  --omit=dev',
  'FROM build',
  'ENV A=1 B="two words" \\',
  '    C=3',
  'ENV LEGACY value with spaces',
  'COPY --from=build --chown=1000 /src/dist ./dist',
  'CMD node main.js',
].join('\n');

describe('parseDockerfile', () => {
  const stages = parseDockerfile(text);

  it('splits stages at FROM and keeps global ARGs out of them', () => {
    expect(stages.map((s) => ({ base: s.base, name: s.name, count: s.instructions.length }))).toEqual([
      { base: 'node:24-bookworm-slim', name: 'build', count: 1 },
      { base: 'build', name: undefined, count: 4 },
    ]);
  });

  it('joins continuation lines and skips the comments between them', () => {
    expect(stages[0]?.instructions[0]).toEqual({ keyword: 'RUN', args: 'npm ci --omit=dev', line: 4 });
  });

  it('reads ENV in both forms, flags, and the shell form of CMD', () => {
    const final = stages[1];
    if (!final) throw new Error('no second stage');
    expect(envOf(final)).toEqual({ A: '1', B: 'two words', C: '3', LEGACY: 'value with spaces' });
    const copy = final.instructions.find((i) => i.keyword === 'COPY');
    expect(copy && flagValues(copy, 'from')).toEqual(['build']);
    expect(argv(final.instructions.at(-1)?.args ?? '')).toEqual(['/bin/sh', '-c', 'node main.js']);
    expect(argv('["node", "main.js"]')).toEqual(['node', 'main.js']);
  });
});
