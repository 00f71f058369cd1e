// Media guard benchmark (issue 3): verdict time for 5 MB uploads (median and p99), render time
// for a 20 KB post, and memory over 1,000 renders in a row with and without yielding to the
// event loop between them (as shipped, jsdom kept every document DOMPurify sanitized in one
// synchronous job alive until the job ended; server/media/jsdom-iterators.ts, decision 010).
// Prints figures; asserts nothing. Run: npx tsx --expose-gc tests/bench/media.ts
// (BENCH_RUNS=n changes the 200 runs per figure, BENCH_RENDERS=n the 1,000 renders in a row).
import os from "node:os";
import zlib from "node:zlib";
import { JSDOM } from "jsdom";
import MarkdownIt from "markdown-it";
import { inspect } from "#server/media/inspect.ts";
import { renderMarkdown } from "#server/media/render-markdown.ts";
import { jpeg, png } from "#tests/fixtures/media/binary-images.ts";
import { randomBytes } from "#tests/fixtures/media/other-files.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const RENDERS = Number(process.env.BENCH_RENDERS ?? 1000);
/** The no-yield loop stops here rather than let the process die at V8's heap limit. */
const HEAP_STOP = 2.5 * 1024 * 1024 * 1024;
const MB5 = 5 * 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** As timeIt, yielding to the event loop between runs: a post is rendered once per request, so
 *  each render starts with the previous one's documents free (docs/architecture.md, pitfalls). */
async function timeEach(runs: number, work: () => unknown): Promise<{ median: number; p99: number }> {
  work(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50), p99: percentile(times, 99) };
}

function timeIt(runs: number, work: () => unknown): { median: number; p99: number; result: unknown } {
  let result: unknown = work(); // warm-up, and the answer to print
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    result = work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50), p99: percentile(times, 99), result };
}

/** A fixed CPU-bound loop (best of five), as a yardstick for the machine's speed right now. */
function calibrate(): number {
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const started = performance.now();
    let sum = 0;
    for (let i = 0; i < 10_000_000; i++) sum += i;
    if (sum < 0) console.log(sum);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

const fixed = (n: number) => n.toFixed(1).padStart(7);
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

function fill(size: number, unit: string | Buffer): Buffer {
  return Buffer.alloc(size, unit);
}

const markdownProse = [
  "# 今天\n\n我今天感觉好一些了。谢谢大家的支持，这不是我的错。\n\n",
  "- one thing that helped\n- another, with a [link](https://example.org/help)\n\n",
  "> someone wrote this to me and I keep it\n\n",
  "```js\nconst img = await load(path); // not an image, just a name\n```\n\n",
  "| day | mood |\n|---|---|\n| Mon | 3 |\n\n",
  "The quick brown fox jumps over the lazy dog, again and again, and then rests for a while.\n\n",
].join("");

const uploads: Array<[string, Buffer]> = [
  ["5 MB text-like (markdown, English + Chinese)", fill(MB5, markdownProse)],
  ["5 MB binary-like (random bytes)", randomBytes(MB5, 1)],
  ["5 MB JPEG (image at offset 0)", Buffer.concat([jpeg(), randomBytes(MB5 - 200, 2)])],
  ["5 MB random bytes, PNG at the end (carved)", Buffer.concat([randomBytes(MB5 - 100, 3), png()])],
  ["5 MB base64 of random bytes (decoded)", Buffer.from(randomBytes((MB5 * 3) / 4, 4).toString("base64"))],
];

// Hostile shapes that defeat the fast paths; fewer runs, reported as a worst case.
const hostile: Array<[string, Buffer]> = [
  ["5 MB of 'BM' (dense fake signatures)", fill(MB5, "BM")],
  ["5 MB of unclosed '<a b='' tags", fill(MB5, "<a b='")],
  [
    "5 MB of base64 words of 40 chars",
    Buffer.from(
      randomBytes((MB5 * 3) / 4, 5)
        .toString("base64")
        .replace(/.{40}/g, "$& "),
    ),
  ],
  ["5 MB of hex pairs '0a, '", fill(MB5, "0a, ")],
  // Needles of the signature-less formats: Netpbm's "P", PostScript (after a NUL: carved in
  // binary data), gzip members (each inflated up to the carving cap), zero-led signatures.
  ["5 MB of 'P1\\n' (Netpbm magic on every line)", fill(MB5, "P1\n")],
  ["5 MB of '%!PS\\n' after a NUL", Buffer.concat([Buffer.alloc(1), fill(MB5 - 1, "%!PS\n")])],
  ["5 MB of gzip members, 1 MB of zeros each", fill(MB5, Buffer.concat([Buffer.alloc(1), zlib.gzipSync(Buffer.alloc(1024 * 1024))]))],
  ["5 MB of zeros", Buffer.alloc(MB5)],
];

/** A 20 KB post of paragraphs, the common case: a member writing about their day. */
function prose20k(): string {
  const paragraph =
    "Today was a little easier. I went for a walk by the river and wrote down what I felt, which helped more than I expected. " +
    "Thank you all for listening, and for the [guide](https://example.org/guide) someone shared last week.\n" +
    "今天好一些了。我去河边散步，把感受写了下来，这比我想象的更有帮助。谢谢大家的倾听。\n\n";
  return paragraph.repeat(Math.ceil(20_000 / paragraph.length)).slice(0, 20_000);
}

/** A 20 KB post dense with structure (headings, lists, quotes, code, tables): ~2,500 elements. */
function post20k(): string {
  const blocks: string[] = [];
  for (let i = 0; blocks.join("").length < 20_000; i++) {
    blocks.push(
      `## Part ${i}\n\nSome *emphasis*, some **strength**, \`inline code\`, a [link](https://example.org/${i}) and www.example.org/${i}.\n` +
        "我今天感觉好一些了。谢谢大家的支持，这不是我的错。\n\n" +
        `- item ${i}.1\n- item ${i}.2 with <b>raw html</b> shown as text\n\n` +
        "> quoted words\n\n```\ncode line one\ncode line two\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n",
    );
  }
  return blocks.join("").slice(0, 20_000);
}

function memory(label: string): void {
  const { rss, heapUsed } = process.memoryUsage();
  console.log(`  ${label.padEnd(44)} rss ${mb(rss).padStart(9)}   heap ${mb(heapUsed).padStart(9)}`);
}

const settle = async () => {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    gc?.();
  }
};

async function main() {
  console.log(`Node ${process.version}, ${RUNS} runs per figure, gc ${gc ? "exposed" : "not exposed"}`);
  // Figures move with the machine's load; these two lines let runs on different days be compared.
  console.log(
    `${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"}), load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  console.log(`calibration: 10^7 additions in ${calibrate().toFixed(1)} ms\n`);
  console.log("Verdict time, inspect()                          median ms   p99 ms   verdict");
  for (const [name, bytes] of uploads) {
    const { median, p99, result } = timeIt(RUNS, () => inspect(bytes));
    console.log(`  ${name.padEnd(46)} ${fixed(median)} ${fixed(p99)}   ${JSON.stringify(result)}`);
  }
  console.log("\nHostile worst cases (20 runs)                    median ms   p99 ms");
  for (const [name, bytes] of hostile) {
    const { median, p99 } = timeIt(20, () => inspect(bytes));
    console.log(`  ${name.padEnd(46)} ${fixed(median)} ${fixed(p99)}`);
  }

  console.log("\nRender, renderMarkdown()                          median ms   p99 ms");
  const prose = prose20k();
  const proseRender = await timeEach(RUNS, () => renderMarkdown(prose));
  console.log(`  ${"20 KB post of paragraphs (English + Chinese)".padEnd(46)} ${fixed(proseRender.median)} ${fixed(proseRender.p99)}`);
  const source = post20k();
  const render = await timeEach(RUNS, () => renderMarkdown(source));
  console.log(`  ${"20 KB post dense with lists, tables, code".padEnd(46)} ${fixed(render.median)} ${fixed(render.p99)}`);
  // Where the dense post's time goes: markdown-it alone, and jsdom merely parsing the HTML that
  // markdown-it made (DOMPurify parses it the same way before walking ~2,500 nodes).
  const markdownIt = new MarkdownIt({ html: false, linkify: true, breaks: true });
  const html = markdownIt.render(source);
  const { window } = new JSDOM("<!doctype html><html><body></body></html>");
  const mdOnly = await timeEach(RUNS, () => markdownIt.render(source));
  const parseOnly = await timeEach(RUNS, () => new window.DOMParser().parseFromString(html, "text/html"));
  console.log(`    of which markdown-it alone                    ${fixed(mdOnly.median)} ${fixed(mdOnly.p99)}`);
  console.log(`    jsdom parsing its ${Math.round(html.length / 1024)} KB of HTML alone            ${fixed(parseOnly.median)} ${fixed(parseOnly.p99)}`);

  console.log(`\nMemory over ${RENDERS.toLocaleString("en")} renders of the dense post in a row`);
  await settle();
  memory("before, yielding between renders");
  // Sampled after a full collection every 100 renders (no extra yield): what the renderer keeps.
  for (let i = 0; i < RENDERS; i++) {
    renderMarkdown(source);
    await new Promise((resolve) => setImmediate(resolve));
    if ((i + 1) % 100 === 0) {
      gc?.();
      memory(`after ${String(i + 1).padStart(4)} renders, yielding, after gc`);
    }
  }
  await settle();
  memory("after settling");
  memory("before, no yielding (one synchronous job)");
  // Sampled inside the loop (printing would not flush until it ends), and stopped before the
  // heap limit, should the retention ever come back (jsdom as shipped: ~11 MB a render).
  const samples: string[] = [];
  let done = 0;
  for (; done < RENDERS; done++) {
    renderMarkdown(source);
    if ((done + 1) % 100 === 0) {
      gc?.(); // a full collection inside the job: what is left is what the job still holds
      const { rss, heapUsed } = process.memoryUsage();
      samples.push(`  after ${String(done + 1).padStart(4)} renders, no yielding, after gc rss ${mb(rss).padStart(9)}   heap ${mb(heapUsed).padStart(9)}`);
      if (heapUsed > HEAP_STOP) {
        done++;
        break;
      }
    }
  }
  for (const line of samples) console.log(line);
  if (done < RENDERS) console.log(`  stopped after ${done} renders: heap above ${mb(HEAP_STOP)}`);
  await settle();
  memory("after settling");
}

await main();
