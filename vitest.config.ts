import { defineConfig } from "vitest/config";

// One runner for unit, integration (real PostgreSQL, real HTTP on port 0, real socket.io) and
// end-to-end journeys (real Chromium). HEARTH_TEST_DB=external runs the database tests against
// TEST_DATABASE_URL instead of the embedded PostgreSQL.
export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts", "server/**/*.test.ts", "app/**/*.test.ts", "db/**/*.test.ts"],
    globalSetup: ["tests/setup/global-db.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ["default"],
    // The built React Router app is loaded by Node itself, exactly as in production, so it shares
    // one react-router instance with @react-router/express.
    server: { deps: { external: [/\/build\/server\//] } },
  },
});
