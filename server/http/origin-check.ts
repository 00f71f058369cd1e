// Every state-changing request must come from Hearth's own pages (ASVS 3.5.x): React Router
// actions and resource routes alike, since React Router's own check does not cover resource
// routes (CVE-2026-22030, docs/security.md). SameSite alone is not relied on (docs/style.md).
import type { IncomingMessage } from "node:http";
import type { RequestHandler } from "express";
import { requestLocale } from "./request-locale.ts";
import { sendPlainPage } from "./plain-page.ts";
import { fromTrustedProxy, type TrustFn } from "./trust-proxy.ts";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/** `trust` is the compiled TRUST_PROXY (trust-proxy.ts): X-Forwarded-Proto counts only when the
 *  peer that sent it is a trusted proxy, as Express decides for req.protocol. */
export function expectedOrigin(req: IncomingMessage, publicOrigin: string | undefined, trust: TrustFn) {
  if (publicOrigin) return publicOrigin;
  const forwardedProto = fromTrustedProxy(req, trust)
    ? String(req.headers["x-forwarded-proto"] ?? "")
        .split(",")[0]
        ?.trim()
    : "";
  const proto = forwardedProto || ((req.socket as { encrypted?: boolean }).encrypted ? "https" : "http");
  return `${proto}://${req.headers.host}`;
}

/** True when the request carries proof it came from our own origin. Under our
 *  `Referrer-Policy: no-referrer`, Chromium sends `Origin: null` even for a same-origin form, so a
 *  null or missing Origin is accepted only with the browser's own `Sec-Fetch-Site: same-origin`. */
export function isSameOrigin(req: IncomingMessage, publicOrigin: string | undefined, trust: TrustFn) {
  const origin = req.headers.origin;
  if (origin && origin !== "null") return origin === expectedOrigin(req, publicOrigin, trust);
  return req.headers["sec-fetch-site"] === "same-origin";
}

export function originCheck(opts: { publicOrigin?: string; trust: TrustFn; onRefused?: () => void }): RequestHandler {
  return (req, res, next) => {
    if (SAFE.has(req.method) || isSameOrigin(req, opts.publicOrigin, opts.trust)) return next();
    opts.onRefused?.();
    sendPlainPage(res, 403, requestLocale(req), "error.forbidden.title", "form.crossSite");
  };
}
