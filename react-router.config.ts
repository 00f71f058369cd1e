import type { Config } from "@react-router/dev/config";

export default {
  appDirectory: "app",
  buildDirectory: "build",
  ssr: true,
  future: { v8_middleware: true },
  // Every route is known to the browser from the first page (docs/decisions/019-routes-known-at-start.md):
  // no /__manifest round trip before a first navigation, and no navigation waiting on one.
  routeDiscovery: { mode: "initial" },
} satisfies Config;
