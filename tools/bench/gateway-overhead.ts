// `npm run bench:gateway`: what the federation gateway costs per request. Starts identity, incidents and the
// gateway as real processes (fresh schemas, real PostgreSQL and Kafka), then sends the same authenticated query
// `{ me { username } }` straight to the identity subgraph (the raw baseline) and through the gateway, in the same
// run, sequentially and with 8 requests in flight. Prints p50/p99 latency, throughput and the ratio.
import { graphqlRequest, percentile, runCompiledScript, startPlatform } from '@keel/testing';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const WARMUP = 200;
const CONCURRENCY = 8;

async function timeRequests(
  url: string,
  token: string,
  count: number,
  concurrency: number,
): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = process.hrtime.bigint();
  const worker = async (): Promise<void> => {
    while (next < count) {
      next += 1;
      const t0 = process.hrtime.bigint();
      const result = await graphqlRequest<{ me: { username: string } }>(url, '{ me { username } }', { token });
      if (result.data?.me.username !== 'bench-admin') throw new Error(`unexpected answer: ${JSON.stringify(result)}`);
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

async function main(): Promise<void> {
  const platform = await startPlatform();
  try {
    const password = 'bench-admin-password-123';
    await runCompiledScript(
      'apps/cli/src/main.js',
      platform.env,
      ['admin', 'create', '--username', 'bench-admin'],
      `${password}\n`,
    );
    const login = await graphqlRequest<{ login: { accessToken: string } }>(
      platform.gateway.url,
      'mutation ($p: String!) { login(username: "bench-admin", password: $p) { accessToken } }',
      { variables: { p: password } },
    );
    const token = login.data?.login.accessToken;
    if (!token) throw new Error(`login failed: ${JSON.stringify(login)}`);

    const lines: string[] = [];
    for (const concurrency of [1, CONCURRENCY]) {
      await timeRequests(platform.identity.url, token, WARMUP, concurrency);
      await timeRequests(platform.gateway.url, token, WARMUP, concurrency);
      const direct = await timeRequests(platform.identity.url, token, REQUESTS, concurrency);
      const viaGateway = await timeRequests(platform.gateway.url, token, REQUESTS, concurrency);
      const fmt = (name: string, r: { latencies: number[]; seconds: number }) =>
        `  ${name.padEnd(12)} p50 ${percentile(r.latencies, 0.5).toFixed(2)} ms  p99 ${percentile(r.latencies, 0.99).toFixed(2)} ms  ${(REQUESTS / r.seconds).toFixed(0)} req/s`;
      lines.push(`concurrency ${concurrency}, ${REQUESTS} requests of { me { username } }:`);
      lines.push(fmt('direct', direct), fmt('via gateway', viaGateway));
      lines.push(
        `gateway c=${concurrency}: ${(REQUESTS / viaGateway.seconds).toFixed(0)} req/s through the gateway, ${(REQUESTS / direct.seconds).toFixed(0)} req/s direct, ratio ${(direct.seconds / viaGateway.seconds).toFixed(2)}, added p50 ${(percentile(viaGateway.latencies, 0.5) - percentile(direct.latencies, 0.5)).toFixed(2)} ms`,
      );
    }
    console.log(lines.join('\n'));
  } finally {
    await platform.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
