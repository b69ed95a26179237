import { createInterface } from 'node:readline';

/** Reads one line from standard input (for --password-stdin, or a prompt when stdin is a terminal). */
export async function readLineFromStdin(prompt: string): Promise<string> {
  const rl = createInterface({
    input: process.stdin,
    output: process.stdin.isTTY ? process.stderr : undefined,
    terminal: Boolean(process.stdin.isTTY),
  });
  if (process.stdin.isTTY) process.stderr.write(prompt);
  try {
    for await (const line of rl) return line;
    throw new Error('no input on standard input');
  } finally {
    rl.close();
  }
}
