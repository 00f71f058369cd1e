// React Router's request handler with Hearth's load context: the services, the visitor, and the
// store for stored post HTML. In development the build is loaded per request (Vite reloads it
// when a file changes), and a handler is made once per build.
import type { createRequestHandler as CreateHandler } from "@react-router/express";
import type { RequestHandler } from "express";
import type { RouterContext, RouterContextProvider as ContextProvider, ServerBuild } from "react-router";
import type { Visitor } from "#app/contracts/visitor.ts";
import type { ValidSession } from "#server/auth/session.ts";
import { parseCookies, sessionCookieName } from "#server/auth/session-cookie.ts";
import { discreetModeOn } from "#server/safety/discreet-mode.ts";
import type { HearthServices } from "#server/services.ts";
import type { HttpDeps } from "./app.ts";
import { requestLocale } from "./request-locale.ts";

// The context keys come from the React Router build itself (app/entry.server.tsx re-exports
// them): keys imported here would be other objects, from this bundle's copy of the module.
// The same holds for RouterContextProvider, which React Router checks with instanceof.
type EntryExports = {
  createRequestHandler: typeof CreateHandler;
  servicesContext: RouterContext<HearthServices>;
  storedHtmlContext: RouterContext<Map<string, string> | null>;
  visitorContext: RouterContext<Visitor>;
  RouterContextProvider: typeof ContextProvider;
};

function handlerFor(build: ServerBuild, deps: HttpDeps): RequestHandler {
  const { servicesContext, storedHtmlContext, visitorContext, RouterContextProvider, createRequestHandler } = build.entry.module as unknown as EntryExports;
  return createRequestHandler({
    // React Router's own action-origin check compares Origin with Host. originCheck has already
    // vouched for the request, including `Origin: null` with Sec-Fetch-Site same-origin
    // (docs/decisions/005-origin-checks.md), and behind a proxy the public host.
    build: { ...build, allowedActionOrigins: ["null", ...(deps.publicOrigin ? [new URL(deps.publicOrigin).host] : [])] },
    getLoadContext(req, res) {
      const auth = res.locals.auth as ValidSession | null;
      const context = new RouterContextProvider();
      context.set(servicesContext, deps.services);
      // A document request (not a client-side navigation's `.data` request) renders stored post
      // HTML from this store instead of sending it twice (app/components/stored-html.tsx).
      if (!req.path.endsWith(".data")) context.set(storedHtmlContext, new Map());
      context.set(visitorContext, {
        member:
          auth && auth.member.status !== "waiting"
            ? {
                id: auth.member.id,
                pseudonym: auth.member.pseudonym,
                role: auth.member.role,
                status: auth.member.status,
                suspendedUntil: auth.member.suspendedUntil,
                postingPaused: auth.member.postingPaused,
                moderatedForums: auth.member.moderatedForums,
              }
            : null,
        waiting: auth?.member.status === "waiting" ? { id: auth.member.id, pseudonym: auth.member.pseudonym } : null,
        sessionId: auth?.session.id ?? null,
        sessionToken: () => (auth ? (parseCookies(req.headers.cookie)[sessionCookieName(deps.https)] ?? null) : null),
        unread: auth?.member.unread ?? 0,
        openContentWarnings: auth?.member.openContentWarnings ?? false,
        locale: requestLocale(req, auth?.member.locale),
        discreet: discreetModeOn(req.headers.cookie),
        clientKey: () => deps.clientKeyer(req.ip),
        https: deps.https,
        nonce: res.locals.nonce as string,
      });
      return context;
    },
  });
}

export function routerHandler(deps: HttpDeps): RequestHandler {
  const load = deps.build;
  if (typeof load !== "function") return handlerFor(load, deps);
  const handlers = new WeakMap<ServerBuild, RequestHandler>();
  return (req, res, next) => {
    load().then((build) => {
      const handler = handlers.get(build) ?? handlerFor(build, deps);
      handlers.set(build, handler);
      return handler(req, res, next);
    }, next);
  };
}
