import { PassThrough } from 'node:stream';
import { readSecret } from './read-secret';

function terminal(): NodeJS.ReadStream & { rawModes: boolean[] } {
  const stream = new PassThrough() as unknown as NodeJS.ReadStream & { rawModes: boolean[] };
  stream.isTTY = true;
  stream.rawModes = [];
  stream.setRawMode = (mode: boolean) => {
    stream.rawModes.push(mode);
    return stream;
  };
  return stream;
}

describe('readSecret', () => {
  let stderr: jest.SpyInstance;
  beforeEach(() => {
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => stderr.mockRestore());

  it('reads keystrokes at a terminal without echoing them, honouring backspace', async () => {
    const input = terminal();
    const secret = readSecret('Password: ', input);
    input.write('hunter2x\u007f3\r');
    await expect(secret).resolves.toBe('hunter23');
    expect(input.rawModes).toEqual([true, false]);
    expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toBe('Password: \n');
  });

  it('cancels on Ctrl-C', async () => {
    const input = terminal();
    const secret = readSecret('Password: ', input);
    input.write('abc\u0003');
    await expect(secret).rejects.toThrow('cancelled');
  });

  it('reads the first line of piped input', async () => {
    const input = new PassThrough() as unknown as NodeJS.ReadStream;
    const secret = readSecret('Password: ', input);
    (input as unknown as PassThrough).end('from-a-pipe\nignored\n');
    await expect(secret).resolves.toBe('from-a-pipe');
  });
});
