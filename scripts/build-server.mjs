// Bundles the Node entries (server and admin CLI) with esbuild so production runs plain `node`
// with no TypeScript compiler (DESIGN.md, Versions and pitfalls). Dependencies stay external.
import { build } from "esbuild";

await build({
  entryPoints: { hearth: "server/main.ts", admin: "server/admin/cli.ts" },
  outdir: "build",
  bundle: true,
  platform: "node",
  target: "node20.19",
  format: "esm",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
console.log("built build/hearth.js and build/admin.js");
