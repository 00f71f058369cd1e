// Finds a path of the project from wherever this code runs: db/ or server/ in development and
// tests, build/ or build/chunks/ once bundled.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export function projectPath(relative: string, from: string = import.meta.url): string {
  let dir = path.dirname(fileURLToPath(from));
  for (let depth = 0; depth < 5; depth++) {
    const candidate = path.join(dir, relative);
    if (existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error(`Hearth cannot find ${relative}; run it from a complete checkout (npm run build first).`);
}
