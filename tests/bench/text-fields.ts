// Media guard cost on text fields (post bodies, titles, content warnings, chat): scrubImages()
// on 20 KB posts, common and hostile, and the whole write path for a post (scrub + render).
// Run: npx tsx tests/bench/text-fields.ts (BENCH_RUNS=n changes the 200 runs per figure).
import { randomBytes } from "node:crypto";
import { inspect } from "#server/media/inspect.ts";
import { renderMarkdown } from "#server/media/render-markdown.ts";
import { scrubImages } from "#server/media/scrub-text.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 200);

function time(runs: number, work: () => unknown) {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) work();
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(runs / 2)]!, p99: samples[Math.min(runs - 1, Math.floor(runs * 0.99))]! };
}

const to20k = (unit: string) => unit.repeat(Math.ceil(20_000 / unit.length)).slice(0, 20_000);
const prose =
  "Today was a little easier. I went for a walk by the river and wrote down what I felt, which helped more than I expected. " +
  "Thank you all for listening, and for the [guide](https://example.org/guide) someone shared last week.\n" +
  "今天好一些了。我去河边散步，把感受写了下来，这比我想象的更有帮助。谢谢大家的倾听。\n\n";
const dense =
  "## Part\n\nSome *emphasis*, some **strength**, `inline code`, a [link](https://example.org/1) and www.example.org/1.\n" +
  "- item 1 with <b>raw html</b> shown as text and `<img src=x>` quoted\n\n> quoted words\n\n```\ncode line one ![a](b.png)\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n";

const cases: Array<[string, string]> = [
  ["20 KB prose (English + Chinese)", to20k(prose)],
  ["20 KB dense markdown with code", to20k(dense)],
  ["20 KB base64 of random bytes (76-col)", randomBytes(15_000).toString("base64").replace(/.{76}/g, "$&\n").slice(0, 20_000)],
  [
    "20 KB hex hash list",
    Array.from({ length: 320 }, () => randomBytes(32).toString("hex"))
      .join("\n")
      .slice(0, 20_000),
  ],
  ["20 KB of '![a](b) `c` ' (hostile)", to20k("![a](b) `c` ")],
  ["20 KB of backticks and fences (hostile)", to20k("```\n`` ` ~~~\n")],
  ["20 KB of 'data:image/png;base64,AAAA ' ", to20k("data:image/png;base64,AAAA ")],
  ["title, 150 chars", prose.slice(0, 150)],
];

console.log(`Node ${process.version}, ${RUNS} runs per figure\n`);
console.log("scrubImages()                                     median ms   p99 ms");
for (const [name, text] of cases) {
  const { median, p99 } = time(RUNS, () => scrubImages(text));
  console.log(`  ${name.padEnd(46)} ${median.toFixed(2).padStart(8)} ${p99.toFixed(2).padStart(8)}`);
}
console.log("\nrenderMarkdown() (includes its own scrub)          median ms   p99 ms");
for (const [name, text] of cases.slice(0, 3)) {
  const { median, p99 } = time(Math.min(RUNS, 100), () => renderMarkdown(text));
  console.log(`  ${name.padEnd(46)} ${median.toFixed(2).padStart(8)} ${p99.toFixed(2).padStart(8)}`);
}

// Uploads up to the 256 KB text limit: the only size where markdown code is parsed.
const KB256 = 262_000;
const uploads: Array<[string, string]> = [
  ["256 KB dense markdown with code", dense.repeat(Math.ceil(KB256 / dense.length)).slice(0, KB256)],
  ["256 KB of '![a](b) `c` ' (hostile)", "![a](b) `c` ".repeat(Math.ceil(KB256 / 12)).slice(0, KB256)],
  ["256 KB of backtick runs, one code span", `\`a\` ${"`` ``` x ".repeat(30_000)}`.slice(0, KB256)],
  ["256 KB of 'data:image/png;base64,AAAA '", "data:image/png;base64,AAAA ".repeat(Math.ceil(KB256 / 27)).slice(0, KB256)],
  ["256 KB base64 of random bytes (76-col)", randomBytes(190_000).toString("base64").replace(/.{76}/g, "$&\n").slice(0, KB256)],
];
console.log("\ninspect() on text uploads                          median ms   p99 ms");
for (const [name, text] of uploads) {
  const bytes = Buffer.from(text);
  const { median, p99 } = time(Math.min(RUNS, 40), () => inspect(bytes));
  console.log(`  ${name.padEnd(46)} ${median.toFixed(2).padStart(8)} ${p99.toFixed(2).padStart(8)}   ${JSON.stringify(inspect(bytes))}`);
}
