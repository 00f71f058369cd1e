// Bundles the Node entries (server and admin CLI) with esbuild so production runs plain `node`
// with no TypeScript compiler (docs/architecture.md, Versions and pitfalls). Dependencies stay external.
import { build } from "esbuild";

await build({
  entryPoints: { hearth: "server/main.ts", admin: "server/admin/cli.ts" },
  outdir: "build",
  bundle: true,
  platform: "node",
  target: "node20.19",
  format: "esm",
  // Code splitting keeps lazily imported modules (the admin CLI's media commands) out of start-up.
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
console.log("built build/hearth.js and build/admin.js");
