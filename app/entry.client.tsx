import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { HydratedRouter } from "react-router/dom";
import { documentLocale, RequestLocaleProvider } from "./request-locale.tsx";

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RequestLocaleProvider value={documentLocale()}>
        <HydratedRouter />
      </RequestLocaleProvider>
    </StrictMode>,
  );
});
