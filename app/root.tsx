import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "react-router";
import type { Route } from "./+types/root";
import { visitorContext } from "./context.ts";
import { NEUTRAL_ICON_PATH } from "./contracts/discreet-mode.ts";
import { QuickExit } from "./components/quick-exit.tsx";
import { SiteFooter } from "./components/site-footer.tsx";
import { SiteHeader } from "./components/site-header.tsx";
import { translate, type Locale, type MessageKey } from "./i18n/catalog.ts";
import { waitingRedirect } from "./lib/auth.server.ts";
import { shiftShortcutOn } from "./lib/quick-exit.server.ts";
import { useNonce } from "./nonce.tsx";
import { useRequestDiscreet, useRequestLocale } from "./request-locale.tsx";
import stylesheet from "./styles/app.css?url";
import { PageTitle } from "./components/page-title.tsx";

export async function loader({ context, request }: Route.LoaderArgs) {
  const visitor = context.get(visitorContext);
  waitingRedirect(context, request);
  return {
    locale: visitor.locale,
    shiftShortcut: shiftShortcutOn(request),
    // Discreet mode on this device (docs/safety.md): neutral titles and icon, quieter notices.
    discreet: visitor.discreet,
    member: visitor.member ? { pseudonym: visitor.member.pseudonym, role: visitor.member.role } : null,
    unread: visitor.unread,
    waiting: visitor.waiting !== null,
  };
}

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const fallbackLocale = useRequestLocale();
  const locale: Locale = data?.locale ?? fallbackLocale;
  const fallbackDiscreet = useRequestDiscreet();
  const discreet = data?.discreet ?? fallbackDiscreet;
  const nonce = useNonce();
  return (
    <html lang={locale} data-discreet={discreet ? "on" : undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <meta name="referrer" content="no-referrer" />
        {/* Without it, pages name no icon (and /favicon.ico is empty): the browser's own blank one. */}
        {discreet ? <link rel="icon" href={NEUTRAL_ICON_PATH} type="image/svg+xml" /> : null}
        <Meta />
        <Links />
      </head>
      <body>
        <QuickExit locale={locale} shiftShortcut={data?.shiftShortcut ?? true} />
        <SiteHeader locale={locale} member={data?.member ?? null} unread={data?.unread ?? 0} />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter locale={locale} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const data = useRouteLoaderData<typeof loader>("root");
  const fallbackLocale = useRequestLocale();
  const locale: Locale = data?.locale ?? fallbackLocale;
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const [title, body]: [MessageKey, MessageKey] =
    status === 404
      ? ["error.notFound.title", "error.notFound.body"]
      : status === 403
        ? ["error.forbidden.title", "error.forbidden.body"]
        : status >= 400 && status < 500
          ? ["error.badRequest.title", "error.badRequest.body"]
          : ["error.server.title", "error.server.body"];
  return (
    <section className="panel">
      <PageTitle>{`${translate(locale, title)} · ${translate(locale, "site.name")}`}</PageTitle>
      <h1>{translate(locale, title)}</h1>
      <p>{translate(locale, body)}</p>
      <p>
        <a href="/">{translate(locale, "error.home")}</a>
      </p>
    </section>
  );
}
