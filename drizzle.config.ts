import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: ["./db/schema.ts", "./db/schema-chat.ts", "./db/schema-moderation.ts", "./db/schema-evidence.ts"],
  out: process.env.DRIZZLE_OUT ?? "./db/migrations",
});
