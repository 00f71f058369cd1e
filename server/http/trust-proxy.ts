// Which peers may speak for the client through X-Forwarded-For and X-Forwarded-Proto. One
// decision, made once from TRUST_PROXY, for Express (req.ip, the throttle key), the Origin check
// and socket.io's handshake alike. `true` is refused: Express would then take the left-most
// X-Forwarded-For address, which the client writes itself, so anyone could pick their own
// throttle key by changing that header on every try.
import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";
import proxyAddr from "proxy-addr";

/** What Express's `trust proxy` setting gets: nothing, a hop count, or names/addresses/CIDRs. */
export type TrustProxy = false | number | string[];
export type TrustFn = (address: string, hop: number) => boolean;

const NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

export const TRUST_PROXY_HELP =
  "must be false, loopback, uniquelocal, linklocal, a comma-separated list of proxy addresses or CIDRs (e.g. 10.0.0.5,fd00::/8), or the number of proxies in front of Hearth";

export const TRUST_PROXY_TRUE =
  "must not be true: it trusts every hop, so the left-most X-Forwarded-For address, which the client writes itself, would become its address and anyone could pick their own sign-in throttle key. Name the proxy instead, e.g. loopback when it runs on this machine";

function validEntry(entry: string) {
  if (NAMES.has(entry)) return true;
  const [address = "", prefix, ...rest] = entry.split("/");
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

/** The parsed setting, or the reason it cannot be used (a line for the operator). */
export function parseTrustProxy(raw: string): { value: TrustProxy } | { error: string } {
  const text = raw.trim().toLowerCase();
  if (text === "false") return { value: false };
  if (text === "true") return { error: TRUST_PROXY_TRUE };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops <= 16 ? { value: hops === 0 ? false : hops } : { error: TRUST_PROXY_HELP };
  }
  const entries = text.split(",").map((e) => e.trim());
  if (!entries.every(validEntry)) return { error: TRUST_PROXY_HELP };
  return { value: entries };
}

/** The same function Express compiles from the same setting (it uses proxy-addr too). */
export function compileTrust(value: TrustProxy): TrustFn {
  if (value === false) return () => false;
  if (typeof value === "number") return (_address, hop) => hop < value;
  return proxyAddr.compile(value);
}

/** Whether the request's own peer is a trusted proxy, so its X-Forwarded-Proto may be read:
 *  the test Express applies for req.protocol. */
export function fromTrustedProxy(req: IncomingMessage, trust: TrustFn) {
  const peer = req.socket.remoteAddress;
  return peer !== undefined && trust(peer, 0);
}
