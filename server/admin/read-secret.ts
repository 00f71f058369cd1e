// Reads passphrases for the CLI: from a pipe (one per line), or typed at a terminal unechoed.
import { createInterface } from "node:readline";

export async function readLines(count: number, prompts: string[]): Promise<string[]> {
  const input = process.stdin;
  if (!input.isTTY) {
    const lines: string[] = [];
    const rl = createInterface({ input, terminal: false });
    for await (const line of rl) {
      lines.push(line.replace(/\r$/, ""));
      if (lines.length === count) break;
    }
    rl.close();
    return lines;
  }
  const answers: string[] = [];
  for (const prompt of prompts.slice(0, count)) {
    const rl = createInterface({ input, output: process.stdout, terminal: true });
    const muted = rl as unknown as { _writeToOutput: (s: string) => void };
    let prompted = false;
    muted._writeToOutput = (s: string) => {
      if (!prompted) process.stdout.write(s);
      prompted = true;
    };
    answers.push(await new Promise<string>((resolve) => rl.question(prompt, resolve)));
    process.stdout.write("\n");
    rl.close();
  }
  return answers;
}
