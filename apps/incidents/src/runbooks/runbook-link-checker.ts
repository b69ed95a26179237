import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { checkLinkAddresses, isIpLiteral, normalizeHost } from './link-guard';
import type { ExternalLinkChecker, ExternalLinkResult } from './validate-runbooks';

export interface LinkCheckerOptions {
  /** For one link, redirects included. */
  timeoutMs: number;
  /** Normalized hosts (link-guard's allowHostSet) exempt from the address guard. */
  allowHosts: ReadonlySet<string>;
  maxRedirects?: number;
  /** DNS resolution (all addresses); node:dns lookup by default. Tests replace it. */
  resolve?: (host: string) => Promise<LookupAddress[]>;
}

const defaultResolve = (host: string): Promise<LookupAddress[]> =>
  new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );

class RefusedLink extends Error {}

/**
 * An ExternalLinkChecker making real requests: HEAD, then GET when the server refuses HEAD (405, 501); a 2xx or
 * 3xx answer (after at most `maxRedirects` redirects) is a working link, anything else is broken with its reason.
 *
 * SSRF guard: the host is resolved first and every address checked with checkLinkAddresses; the connection then
 * goes to one of exactly those addresses (a pinned lookup), so a DNS answer changing between the check and the
 * connection cannot reach an internal address. Every redirect target is checked again.
 */
export function createExternalLinkChecker(options: LinkCheckerOptions): ExternalLinkChecker {
  const resolve = options.resolve ?? defaultResolve;
  const maxRedirects = options.maxRedirects ?? 5;

  async function addressesFor(url: URL): Promise<LookupAddress[]> {
    const host = normalizeHost(url.hostname);
    const addresses = isIpLiteral(host)
      ? [{ address: host, family: host.includes(':') ? 6 : 4 }]
      : await resolve(host).catch((error: NodeJS.ErrnoException) => {
          throw new RefusedLink(`host "${host}" does not resolve (${error.code ?? error.message})`);
        });
    const verdict = checkLinkAddresses(
      host,
      addresses.map((a) => a.address),
      options.allowHosts,
    );
    if (!verdict.ok) throw new RefusedLink(verdict.reason);
    return addresses;
  }

  function once(url: URL, method: 'HEAD' | 'GET', addresses: LookupAddress[], signal: AbortSignal) {
    // Connect to the checked addresses only: the request never resolves the name again.
    const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
      const first = addresses[0] as LookupAddress;
      if ((lookupOptions as { all?: boolean }).all) {
        (callback as (e: null, a: LookupAddress[]) => void)(null, addresses);
      } else {
        callback(null, first.address, first.family);
      }
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<IncomingMessage>((resolveResponse, reject) => {
      const req = send(
        url,
        {
          method,
          lookup: pinned,
          signal,
          headers: { 'user-agent': 'Keel-Incidents-RunbookLinkChecker/0.1', accept: '*/*' },
        },
        (res) => {
          resolveResponse(res);
          res.resume();
          res.destroy();
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  async function check(url: string): Promise<ExternalLinkResult> {
    const signal = AbortSignal.timeout(options.timeoutMs);
    let current = new URL(url);
    try {
      for (let hop = 0; ; hop++) {
        if (current.protocol !== 'http:' && current.protocol !== 'https:') {
          return { ok: false, reason: `redirected to a ${current.protocol} URL` };
        }
        const addresses = await addressesFor(current);
        let response = await once(current, 'HEAD', addresses, signal);
        if (response.statusCode === 405 || response.statusCode === 501) {
          response = await once(current, 'GET', addresses, signal);
        }
        const status = response.statusCode ?? 0;
        const location = response.headers.location;
        if (status >= 300 && status < 400 && location) {
          if (hop >= maxRedirects) return { ok: false, reason: `more than ${maxRedirects} redirects` };
          current = new URL(location, current);
          continue;
        }
        if (status >= 200 && status < 400) return { ok: true };
        return { ok: false, reason: `HTTP ${status}` };
      }
    } catch (error) {
      if (error instanceof RefusedLink) return { ok: false, reason: error.message };
      if (signal.aborted) return { ok: false, reason: `timed out after ${options.timeoutMs} ms` };
      const e = error as NodeJS.ErrnoException;
      return { ok: false, reason: e.code ? `${e.code}: ${e.message}` : e.message };
    }
  }

  return check;
}
