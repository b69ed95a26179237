import { connect, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Stops listening and cuts every open connection, like the server behind it going away. */
  shut(): Promise<void>;
  /** Listens again on the same port, like the server coming back: clients configured with it reconnect. */
  restore(): Promise<void>;
}

function forwardingServer(host: string, port: number, sockets: Set<Socket>): Server {
  return createServer((client) => {
    const upstream = connect(port, host);
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
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('the TCP proxy has no port'));
      else resolve(address.port);
    });
  });
}

/** A TCP proxy on 127.0.0.1 in front of host:port, so a test can take a real server "down" and bring it back. */
export async function startTcpProxy(host: string, port: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server: Server | undefined = forwardingServer(host, port, sockets);
  const proxyPort = await listen(server, 0);
  return {
    port: proxyPort,
    shut: () =>
      new Promise<void>((resolve) => {
        if (!server) return resolve();
        server.close(() => resolve());
        server = undefined;
        sockets.forEach((socket) => socket.destroy());
      }),
    restore: async () => {
      if (server) return;
      server = forwardingServer(host, port, sockets);
      await listen(server, proxyPort);
    },
  };
}
