import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  path: string;
  /** The body parsed as JSON; `{ unparsable: text }` when it is not JSON. */
  body: unknown;
}

/**
 * A webhook receiver on 127.0.0.1 for the incidents integration tests (apps do not import each other, so not the
 * alerting one): records every request; a path answers 200 unless answer() says otherwise.
 */
export class WebhookReceiver {
  readonly received: ReceivedRequest[] = [];
  private readonly statuses = new Map<string, number>();
  private readonly server: Server = createServer((req, res) => void this.handle(req, res));
  private port = 0;

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** The status `path` answers with from now on. */
  answer(path: string, status: number): void {
    this.statuses.set(path, status);
  }

  requests(path: string): ReceivedRequest[] {
    return this.received.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = { unparsable: text };
    }
    const path = req.url ?? '';
    this.received.push({ path, body });
    res.writeHead(this.statuses.get(path) ?? 200, { 'content-type': 'text/plain' }).end('');
  }
}
