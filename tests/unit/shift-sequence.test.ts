// The Shift ×3 rules (docs/safety.md QE4/QE5) on their own, with fake timers: what counts, what
// resets, and that nothing is left running after the exit.
import { afterEach, expect, test, vi } from "vitest";
import { PRESS_WINDOW_MS, shiftSequence } from "#app/lib/shift-sequence.ts";

afterEach(() => {
  vi.useRealTimers();
});

function recorder() {
  vi.useFakeTimers();
  const said: string[] = [];
  let exits = 0;
  const sequence = shiftSequence(
    {
      progress: (left) => said.push(`${left} more`),
      expired: () => said.push("expired"),
      cleared: () => said.push("cleared"),
      complete: () => (exits += 1),
    },
    { setTimeout: (run, ms) => setTimeout(run, ms), clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>) },
  );
  const shift = (opts: { otherStillHeld?: boolean } = {}) => {
    sequence.keydown({ key: "Shift", shiftKey: true });
    sequence.keyup({ key: "Shift", shiftKey: opts.otherStillHeld ?? false });
  };
  const key = (name: string, shiftKey = false) => {
    sequence.keydown({ key: name, shiftKey });
    sequence.keyup({ key: name, shiftKey });
  };
  return { sequence, said, exits: () => exits, shift, key };
}

test("three Shift presses, each within 5 seconds of the last, exit once and leave no timer running", () => {
  const r = recorder();
  r.shift();
  vi.advanceTimersByTime(PRESS_WINDOW_MS - 1);
  r.shift();
  vi.advanceTimersByTime(PRESS_WINDOW_MS - 1);
  r.shift();
  expect(r.said).toEqual(["2 more", "1 more"]);
  expect(r.exits()).toBe(1);
  expect(r.sequence.pending).toBe(false);
  expect(vi.getTimerCount()).toBe(0);
  // After the exit nothing more happens, however many presses follow.
  r.shift();
  r.shift();
  r.shift();
  expect(r.exits()).toBe(1);
  expect(vi.getTimerCount()).toBe(0);
});

test("a gap of 5.1 seconds resets the count and announces the expiry, cleared 5 seconds later", () => {
  const r = recorder();
  r.shift();
  r.shift();
  vi.advanceTimersByTime(5_100);
  expect(r.said).toEqual(["2 more", "1 more", "expired"]);
  expect(r.sequence.count).toBe(0);
  r.shift();
  expect(r.exits()).toBe(0);
  expect(r.said.at(-1)).toBe("2 more");
  vi.advanceTimersByTime(5_100);
  vi.advanceTimersByTime(PRESS_WINDOW_MS);
  expect(r.said.slice(-2)).toEqual(["expired", "cleared"]);
});

test("another key mid-sequence resets it", () => {
  const r = recorder();
  r.shift();
  r.shift();
  r.key("a");
  expect(r.said.at(-1)).toBe("expired");
  r.shift();
  r.shift();
  expect(r.exits()).toBe(0);
  r.shift();
  expect(r.exits()).toBe(1);
});

test("Shift used with a letter never counts, whichever key is released first", () => {
  const r = recorder();
  // Shift down, A down, A up, Shift up.
  r.sequence.keydown({ key: "Shift", shiftKey: true });
  r.sequence.keydown({ key: "A", shiftKey: true });
  r.sequence.keyup({ key: "A", shiftKey: true });
  r.sequence.keyup({ key: "Shift", shiftKey: false });
  expect(r.sequence.count).toBe(0);
  // Shift down, A down, Shift up, A up.
  r.sequence.keydown({ key: "Shift", shiftKey: true });
  r.sequence.keydown({ key: "A", shiftKey: true });
  r.sequence.keyup({ key: "Shift", shiftKey: false });
  r.sequence.keyup({ key: "a", shiftKey: false });
  expect(r.sequence.count).toBe(0);
  // Two presses, then Shift+Tab: the sequence is abandoned, not completed.
  r.shift();
  r.shift();
  r.sequence.keydown({ key: "Shift", shiftKey: true });
  r.sequence.keydown({ key: "Tab", shiftKey: true });
  r.sequence.keyup({ key: "Tab", shiftKey: true });
  r.sequence.keyup({ key: "Shift", shiftKey: false });
  expect(r.exits()).toBe(0);
  expect(r.sequence.count).toBe(0);
  expect(r.said).toEqual(["2 more", "1 more", "expired"]);
});

test("left and right Shift may be mixed, even overlapping", () => {
  const r = recorder();
  // Left down, right down, left up (right still held), right up: two presses, not an abort.
  r.sequence.keydown({ key: "Shift", shiftKey: true });
  r.sequence.keydown({ key: "Shift", shiftKey: true });
  r.sequence.keyup({ key: "Shift", shiftKey: true });
  r.sequence.keyup({ key: "Shift", shiftKey: false });
  expect(r.sequence.count).toBe(2);
  r.shift();
  expect(r.exits()).toBe(1);
});

test("reset (the page shown again) starts from zero with no timers", () => {
  const r = recorder();
  r.shift();
  r.shift();
  r.sequence.reset();
  expect(r.sequence.count).toBe(0);
  expect(vi.getTimerCount()).toBe(0);
  r.shift();
  r.shift();
  expect(r.exits()).toBe(0);
  r.shift();
  expect(r.exits()).toBe(1);
  r.sequence.reset();
  r.shift();
  r.shift();
  r.shift();
  expect(r.exits()).toBe(2);
});
