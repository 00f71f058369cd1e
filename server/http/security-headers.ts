// Headers on every response (ASVS 3.4.x; docs/architecture.md, Privacy rules). Configured explicitly:
// helmet's defaults are looser than Hearth needs (docs/security.md). A fresh CSP nonce per response.
import { randomBytes } from "node:crypto";
import type { RequestHandler } from "express";

// Every powerful feature Hearth does not use, off for every frame. Only names Chromium knows:
// each unknown name is a console error on every page (checked in tests/e2e/headers.test.ts), so
// ambient-light-sensor, battery, bluetooth, document-domain and web-share (not recognised by
// Chromium 156 on Linux) are left out; browsers that lack a feature have nothing to turn off.
const PERMISSIONS = [
  "accelerometer",
  "autoplay",
  "browsing-topics",
  "camera",
  "display-capture",
  "encrypted-media",
  "fullscreen",
  "geolocation",
  "gyroscope",
  "hid",
  "idle-detection",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "picture-in-picture",
  "publickey-credentials-get",
  "screen-wake-lock",
  "serial",
  "usb",
  "xr-spatial-tracking",
]
  .map((feature) => `${feature}=()`)
  .join(", ");

export function contentSecurityPolicy(nonce: string, https: boolean) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

type HeaderTarget = { setHeader(name: string, value: string): unknown };

/** Sets the baseline on any response, Express's or socket.io's engine's (which writes its own
 *  answers, the handshake refusal among them, outside Express). Returns the CSP nonce. */
export function applySecurityHeaders(res: HeaderTarget, opts: { https: boolean }) {
  const nonce = randomBytes(16).toString("base64");
  res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce, opts.https));
  res.setHeader("Referrer-Policy", "no-referrer");
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Permissions-Policy", PERMISSIONS);
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
  res.setHeader("Origin-Agent-Cluster", "?1");
  res.setHeader("X-DNS-Prefetch-Control", "off");
  // Pages can show a member's private data; nothing dynamic is cached. Hashed static assets
  // replace this when they are sent (server/http/app.ts).
  res.setHeader("Cache-Control", "no-store");
  if (opts.https) res.setHeader("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  return nonce;
}

export function securityHeaders(opts: { https: boolean }): RequestHandler {
  return (_req, res, next) => {
    res.locals.nonce = applySecurityHeaders(res, opts);
    next();
  };
}
