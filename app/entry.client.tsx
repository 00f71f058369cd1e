import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { HydratedRouter } from "react-router/dom";
import { documentDiscreet, documentLocale, RequestDiscreetProvider, RequestLocaleProvider } from "./request-locale.tsx";

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RequestLocaleProvider value={documentLocale()}>
        <RequestDiscreetProvider value={documentDiscreet()}>
          <HydratedRouter />
        </RequestDiscreetProvider>
      </RequestLocaleProvider>
    </StrictMode>,
  );
});
