import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest<B> {
  path: string;
  method: string;
  contentType: string | undefined;
  /** The body as sent, byte for byte (as UTF-8 text). */
  text: string;
  /** The body parsed as JSON; `{ unparsable: text }` when it is not JSON, so a comparison fails with it in view. */
  body: B;
}

export interface Reply {
  status: number;
  body?: string;
}

/** Never settles: the receiver keeps the request open (a receiver that hangs) until stop(). */
export const NEVER_ANSWER = (): Promise<Reply> => new Promise<Reply>(() => undefined);

/**
 * A webhook receiver on 127.0.0.1 for the notification tests: records every request; each path answers 200
 * unless told otherwise with answer().
 */
export class WebhookReceiver<B = unknown> {
  readonly received: ReceivedRequest<B>[] = [];
  private readonly replies = new Map<string, (attempt: number) => Reply | Promise<Reply>>();
  private readonly server: Server = createServer((req, res) => void this.handle(req, res));
  private port = 0;

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  url(path: string): string {
    return `${this.origin}${path}`;
  }

  /** How `path` answers its n-th request (1-based). */
  answer(path: string, reply: (attempt: number) => Reply | Promise<Reply>): void {
    this.replies.set(path, reply);
  }

  requests(path: string): ReceivedRequest<B>[] {
    return this.received.filter((r) => r.path === path);
  }

  /** Parsed bodies of `path`, of one group when `groupKey` is given. */
  bodies(path: string, groupKey?: string): B[] {
    return this.requests(path)
      .map((r) => r.body)
      .filter((b) => groupKey === undefined || (b as { groupKey?: string }).groupKey === groupKey);
  }

  /** Raw bodies of `path`. */
  texts(path: string): string[] {
    return this.requests(path).map((r) => r.text);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = req.url ?? '';
    const text = Buffer.concat(chunks).toString('utf8');
    let body: B;
    try {
      body = JSON.parse(text) as B;
    } catch {
      body = { unparsable: text } as B;
    }
    this.received.push({ path, method: req.method ?? '', contentType: req.headers['content-type'], text, body });
    const reply = (await this.replies.get(path)?.(this.requests(path).length)) ?? { status: 200 };
    res.writeHead(reply.status, { 'content-type': 'text/plain' }).end(reply.body ?? '');
  }
}
