// `npm run admin -- inspect FILE...` and `render FILE...` (docs/architecture.md, Public contracts): one JSON
// line per file. They need no database: the media guard and the renderer are pure.
import { readFile } from "node:fs/promises";
import { inspect } from "#server/media/inspect.ts";
import { renderMarkdown } from "#server/media/render-markdown.ts";

async function eachFile(files: string[], line: (file: string, bytes: Buffer) => object) {
  let failed = 0;
  for (const file of files) {
    try {
      console.log(JSON.stringify(line(file, await readFile(file))));
    } catch (err) {
      failed++;
      console.log(JSON.stringify({ file, error: (err as NodeJS.ErrnoException).code ?? "unreadable" }));
    }
  }
  return failed ? 1 : 0;
}

export async function inspectFiles(files: string[]) {
  return eachFile(files, (file, bytes) => {
    const verdict = inspect(bytes, { name: file });
    return { file, verdict: verdict.verdict, format: verdict.format, ...(verdict.verdict === "rejected" ? { reason: verdict.reason } : {}) };
  });
}

export async function renderFiles(files: string[]) {
  return eachFile(files, (file, bytes) => ({ file, html: renderMarkdown(bytes.toString("utf8")) }));
}
