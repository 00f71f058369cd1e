// Headers on every response (ASVS 3.4.x; DESIGN.md, Privacy rules). Configured explicitly:
// helmet's defaults are looser than Hearth needs (SECURITY.md). A fresh CSP nonce per response.
import { randomBytes } from "node:crypto";
import type { RequestHandler } from "express";

const PERMISSIONS = [
  "accelerometer", "ambient-light-sensor", "autoplay", "battery", "bluetooth", "browsing-topics", "camera",
  "display-capture", "document-domain", "encrypted-media", "fullscreen", "geolocation", "gyroscope", "hid",
  "idle-detection", "magnetometer", "microphone", "midi", "payment", "picture-in-picture", "publickey-credentials-get",
  "screen-wake-lock", "serial", "usb", "web-share", "xr-spatial-tracking",
].map((feature) => `${feature}=()`).join(", ");

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

export function securityHeaders(opts: { https: boolean }): RequestHandler {
  return (_req, res, next) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.nonce = nonce;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce, opts.https));
    res.setHeader("Referrer-Policy", "no-referrer");
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Permissions-Policy", PERMISSIONS);
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
    res.setHeader("Origin-Agent-Cluster", "?1");
    res.setHeader("X-DNS-Prefetch-Control", "off");
    // Pages can show a member's private data; nothing dynamic is cached. Static assets override this.
    res.setHeader("Cache-Control", "no-store");
    if (opts.https) res.setHeader("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
    next();
  };
}
