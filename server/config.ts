// Configuration from the environment, validated once at boot with messages an operator can act on.
import { z } from "zod";
import { parseTrustProxy } from "./http/trust-proxy.ts";

const origin = z
  .string()
  .url("must be a URL such as https://hearth.example.org")
  .transform((value) => new URL(value))
  .refine((url) => url.protocol === "https:" || url.protocol === "http:", "must start with https:// or http://")
  .refine((url) => url.pathname === "/" && !url.search && !url.hash, "must be an origin only, with no path, query or fragment")
  .transform((url) => url.origin);

const postgresUrl = z.string().refine((v) => /^postgres(ql)?:\/\//.test(v), "must start with postgres:// or postgresql://");

const schema = z.object({
  PORT: z.coerce
    .number({ message: "must be a whole number from 0 to 65535" })
    .int("must be a whole number from 0 to 65535")
    .min(0, "must be a whole number from 0 to 65535")
    .max(65535, "must be a whole number from 0 to 65535")
    .default(3000),
  HOST: z.string().min(1, "must not be empty").default("127.0.0.1"),
  DATA_DIR: z.string().min(1, "must not be empty").default("./data"),
  DATABASE_URL: postgresUrl.optional(),
  REDIS_URL: z
    .string()
    .refine((v) => /^rediss?:\/\//.test(v), "must start with redis:// or rediss://")
    .optional(),
  PUBLIC_ORIGIN: origin.optional(),
  // Parsed to the value Express's `trust proxy` gets (server/http/trust-proxy.ts).
  TRUST_PROXY: z
    .string()
    .default("false")
    .transform((raw, ctx) => {
      const parsed = parseTrustProxy(raw);
      if ("value" in parsed) return parsed.value;
      ctx.addIssue({ code: "custom", message: parsed.error });
      return z.NEVER;
    }),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "silent"], { message: "must be one of fatal, error, warn, info, debug, silent" })
    .default("info"),
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {}

/** Empty strings count as unset, so `PORT= npm start` means the default. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(present);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const key = String(issue.path[0]);
    const got = key in present ? ` (got ${JSON.stringify(present[key])})` : "";
    return `  ${key}: ${issue.message}${got}`;
  });
  throw new ConfigError(`Hearth cannot start: the configuration is not valid.\n${lines.join("\n")}\nSee the configuration table in README.md.`);
}

/** Behind HTTPS, cookies get Secure and the __Host- prefix, and HSTS is sent. */
export function isHttps(config: Pick<Config, "PUBLIC_ORIGIN">) {
  return config.PUBLIC_ORIGIN?.startsWith("https://") ?? false;
}
