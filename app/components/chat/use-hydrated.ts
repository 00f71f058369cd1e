// False on the server and during hydration, true after: live-only parts (the connection status,
// typing, sending over the socket) appear only once script really runs, so the page without
// JavaScript never shows "Connecting…" or a control that cannot work.
import { useSyncExternalStore } from "react";

const never = () => () => {};

export function useHydrated(): boolean {
  return useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
}
