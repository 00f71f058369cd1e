// A reverse proxy on 127.0.0.1, as an operator would put in front of Hearth: it forwards every
// request (and WebSocket upgrades are not needed here) and appends the address it sees to
// X-Forwarded-For, keeping whatever the client sent before it, as nginx's
// $proxy_add_x_forwarded_for does. Every test client is on loopback, which Hearth under
// TRUST_PROXY=loopback trusts as the proxy's own range, so `addressOf` says which public address
// the proxy should report for a client's loopback source address (the proxy stands for one on
// the internet, where each client has its own).
import { createServer, request, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll } from "vitest";

const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const close of closers) await close();
});

export async function startProxy(target: string, addressOf: (peer: string) => string) {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const seen = addressOf(req.socket.remoteAddress ?? "");
    const prior = req.headers["x-forwarded-for"];
    const headers = { ...req.headers, "x-forwarded-for": prior ? `${prior}, ${seen}` : seen, "x-forwarded-proto": "http" };
    const out = request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    out.on("error", () => res.destroy());
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  closers.push(close);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close };
}

/** A form POST from a chosen loopback source address (so the proxy can tell clients apart), as
 *  Chromium sends it under Hearth's no-referrer policy. */
export function postFrom(localAddress: string, url: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  const body = new URLSearchParams(form).toString();
  const target = new URL(url);
  return new Promise<{ status: number; body: string; response: IncomingMessage }>((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: "POST",
        localAddress,
        agent: false,
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "content-length": Buffer.byteLength(body),
          origin: "null",
          "sec-fetch-site": "same-origin",
          ...headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (c: Buffer) => chunks.push(c));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString(), response }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
