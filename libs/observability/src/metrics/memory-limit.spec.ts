import { totalmem } from 'node:os';
import { memoryLimitBytes } from './memory-limit';

function files(contents: Record<string, string>): (path: string) => string {
  return (path) => {
    const content = contents[path];
    if (content === undefined) {
      throw new Error(`ENOENT: ${path}`);
    }
    return content;
  };
}

describe('memoryLimitBytes', () => {
  it('reads the cgroup v2 limit', () => {
    expect(memoryLimitBytes(files({ '/sys/fs/cgroup/memory.max': '536870912\n' }))).toBe(536870912);
  });

  it('reads the cgroup v1 limit when there is no v2 file', () => {
    expect(memoryLimitBytes(files({ '/sys/fs/cgroup/memory/memory.limit_in_bytes': '268435456\n' }))).toBe(268435456);
  });

  it("falls back to the machine's memory when the cgroup is unlimited or absent", () => {
    expect(memoryLimitBytes(files({ '/sys/fs/cgroup/memory.max': 'max\n' }))).toBe(totalmem());
    expect(memoryLimitBytes(files({ '/sys/fs/cgroup/memory/memory.limit_in_bytes': '9223372036854771712' }))).toBe(
      totalmem(),
    );
    expect(memoryLimitBytes(files({}))).toBe(totalmem());
  });
});
