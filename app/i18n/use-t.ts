import { useRouteLoaderData } from "react-router";
import { translate, type Locale, type MessageKey } from "./catalog.ts";

export function useLocale(): Locale {
  const root = useRouteLoaderData("root") as { locale?: Locale } | undefined;
  return root?.locale ?? "en";
}

export function useT() {
  const locale = useLocale();
  return (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
}
