import { TurnBatcher, type BatchSource } from './turn-batcher';

/** A source answering from a fixed set of keys and recording each batch it was asked for. */
function source(known: string[], fail = false): { read: BatchSource<string>; batches: string[][] } {
  const batches: string[][] = [];
  return {
    batches,
    read: async (keys) => {
      batches.push([...keys]);
      if (fail) throw new Error('connection lost');
      return new Map(keys.filter((k) => known.includes(k)).map((k) => [k, `value of ${k}`]));
    },
  };
}

describe('TurnBatcher', () => {
  it('reads the keys asked for in one turn in one batch, each once, and answers every caller', async () => {
    const values = source(['a', 'b']);
    const batcher = new TurnBatcher(values.read);
    const answers = await Promise.all([batcher.load('a'), batcher.load('b'), batcher.load('a'), batcher.load('zz')]);
    expect(values.batches).toEqual([['a', 'b', 'zz']]);
    expect(answers).toEqual(['value of a', 'value of b', 'value of a', null]);
  });

  it('keeps nothing past the turn: a later load reads again', async () => {
    const values = source(['a']);
    const batcher = new TurnBatcher(values.read);
    await batcher.load('a');
    await batcher.load('a');
    expect(values.batches).toEqual([['a'], ['a']]);
  });

  it('rejects every caller of a failed batch, and the next batch starts afresh', async () => {
    const failing = source(['a'], true);
    const batcher = new TurnBatcher(failing.read);
    await expect(Promise.all([batcher.load('a'), batcher.load('b')])).rejects.toThrow('connection lost');
    await expect(batcher.load('a')).rejects.toThrow('connection lost');
    expect(failing.batches).toEqual([['a', 'b'], ['a']]);
  });
});
