/**
 * TRUST_PROXY: which hops in front of the server may tell it the client's address (X-Forwarded-For) and
 * scheme (X-Forwarded-Proto). The client address feeds every per-IP rate limit and the activity logs, so
 * it must be a value no client can write. See docs/adr/0013-client-address-behind-proxies.md.
 *
 * - a list of proxy addresses / CIDRs (or proxy-addr's names loopback, linklocal, uniquelocal): the
 *   client address is the right-most X-Forwarded-For entry not written by one of them;
 * - a hop count N: the N right-most hops (the socket peer first) are trusted. Safe only when nothing but
 *   the proxy can reach the server, so it is accepted only with a loopback HOST;
 * - `true` (trust every hop) is refused: the left-most entry, which the client writes, would win.
 */
import { isIP } from 'node:net';

export type TrustProxy = false | { addresses: string[] } | { hops: number };

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);
const LOOPBACK_PEERS = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function isAddressOrRange(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (family === 4 && isIP(prefix) === 4) return true; // 10.0.0.0/255.0.0.0
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** Parse TRUST_PROXY; returns the setting or an error message naming what to write instead. */
export function parseTrustProxy(value: string | undefined, host: string): TrustProxy | { error: string } {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'false' || text === '0') return false;
  if (text === 'true') {
    return {
      error:
        'TRUST_PROXY=true is refused: it trusts every X-Forwarded-For entry, so a client chooses its own address by sending one ' +
        '(rate limits, activity logs). Name your proxy instead, e.g. TRUST_PROXY=127.0.0.1 for nginx on the same machine, ' +
        'or give the number of proxies in front of the server (e.g. TRUST_PROXY=1) when it listens on loopback.',
    };
  }
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 10) return { error: `TRUST_PROXY=${text}: a hop count is the number of proxies in front of the server (at most 10)` };
    if (!LOOPBACK_HOSTS.has(host)) {
      return {
        error:
          `TRUST_PROXY=${text} (a hop count) needs HOST=127.0.0.1: a client reaching the server directly could otherwise forge ` +
          'the trusted hops. List the proxies\u2019 addresses or CIDRs instead (e.g. TRUST_PROXY=10.0.0.0/8).',
      };
    }
    return { hops };
  }
  const addresses = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const invalid = addresses.filter((entry) => !isAddressOrRange(entry));
  if (invalid.length > 0) {
    return { error: `TRUST_PROXY: ${invalid.join(', ')} is not an IP address or CIDR range (expected e.g. 127.0.0.1,10.0.0.0/8, or a hop count)` };
  }
  return { addresses };
}

/** The value for Fastify's `trustProxy` option. */
export function fastifyTrustProxy(setting: TrustProxy): false | string[] | ((address: string, hop: number) => boolean) {
  if (setting === false) return false;
  if ('addresses' in setting) return setting.addresses;
  // Fastify refuses a bare number (it cannot check the peer): the peer must be local (HOST is loopback anyway).
  const { hops } = setting;
  return (address, hop) => hop < hops && (hop > 0 || LOOPBACK_PEERS.has(address));
}
