// Lint fixture (never run): a focused test must fail lint.
describe.only('focused', () => {
  it.only('is refused', () => undefined);
});
