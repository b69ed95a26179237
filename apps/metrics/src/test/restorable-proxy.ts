import { connect, createServer, type Server, type Socket } from 'node:net';
import { startTcpProxy, type TcpProxy } from '@keel/testing';

/**
 * @keel/testing's TCP proxy in front of a real server, cut with `cut()` and brought back on the SAME port with
 * `restore()`, so that a pool configured with the proxy's address reconnects as it would to a restarted server.
 */
export class RestorableProxy {
  private cutProxy?: TcpProxy;
  private restored?: { server: Server; sockets: Set<Socket> };

  private constructor(
    readonly port: number,
    private readonly host: string,
    private readonly targetPort: number,
    proxy: TcpProxy,
  ) {
    this.cutProxy = proxy;
  }

  static async start(host: string, port: number): Promise<RestorableProxy> {
    const proxy = await startTcpProxy(host, port);
    return new RestorableProxy(proxy.port, host, port, proxy);
  }

  async cut(): Promise<void> {
    await this.cutProxy?.shut();
    this.cutProxy = undefined;
    if (this.restored !== undefined) {
      const { server, sockets } = this.restored;
      this.restored = undefined;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        sockets.forEach((socket) => socket.destroy());
      });
    }
  }

  async restore(): Promise<void> {
    const sockets = new Set<Socket>();
    const server = createServer((client) => {
      const upstream = connect(this.targetPort, this.host);
      sockets.add(client).add(upstream);
      const close = (): void => {
        client.destroy();
        upstream.destroy();
        sockets.delete(client);
        sockets.delete(upstream);
      };
      client.on('error', close).on('close', close);
      upstream.on('error', close).on('close', close);
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', resolve);
    });
    this.restored = { server, sockets };
  }
}
