// The tab's title. Every page names itself through this rather than a bare <title>: in discreet
// mode (docs/safety.md) each one reads the same neutral word instead, so no forum, thread, room,
// search or even "Hearth" shows in the tab, the window list or the browser's history.
import { useRouteLoaderData } from "react-router";
import { translate, type Locale } from "#app/i18n/catalog.ts";
import { useDiscreet } from "#app/lib/use-discreet.ts";
import { useRequestLocale } from "#app/request-locale.tsx";

export function PageTitle({ children }: { children: string }) {
  const discreet = useDiscreet();
  const root = useRouteLoaderData("root") as { locale?: Locale } | undefined;
  const fallbackLocale = useRequestLocale();
  return <title>{discreet ? translate(root?.locale ?? fallbackLocale, "privacy.discreet.title") : children}</title>;
}
