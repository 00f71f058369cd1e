// "Press Shift three times to leave", as GOV.UK's Exit this page counts it (docs/safety.md, QE4), with
// its known gaps closed: a Shift used as a modifier never counts, whichever key was released first;
// left and right Shift may be mixed, even overlapping (alphagov/govuk-frontend#5393); nothing is
// left running after the third press; and a restored page starts again from zero.
// Plain TypeScript with injected timers, so the rules are tested without a browser.

export const PRESSES_TO_EXIT = 3;
/** Each counted press must follow the previous one within this time. */
export const PRESS_WINDOW_MS = 5_000;

type Key = Pick<KeyboardEvent, "key" | "shiftKey">;

export interface ShiftSequenceEvents {
  /** A press counted; `left` presses to go (2 or 1). */
  progress(left: number): void;
  /** The sequence was abandoned (another key, or too slow): announce it. */
  expired(): void;
  /** The expiry announcement has had its time; clear it. */
  cleared(): void;
  /** The third press: leave now. */
  complete(): void;
}

export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

export function shiftSequence(on: ShiftSequenceEvents, timers: Timers) {
  let count = 0;
  // A Shift held while another key went down or up is a modifier (Shift+A, Shift+Tab): its
  // release does not count.
  let usedAsModifier = false;
  let done = false;
  let windowTimer: unknown = null;
  let clearTimer: unknown = null;

  const stop = (timer: unknown) => {
    if (timer !== null) timers.clearTimeout(timer);
    return null;
  };

  function expire() {
    windowTimer = stop(windowTimer);
    clearTimer = stop(clearTimer);
    count = 0;
    on.expired();
    clearTimer = timers.setTimeout(() => {
      clearTimer = null;
      on.cleared();
    }, PRESS_WINDOW_MS);
  }

  function shiftReleased(stillHeld: boolean) {
    const counts = !usedAsModifier;
    if (!stillHeld) usedAsModifier = false;
    if (!counts) return;
    count += 1;
    clearTimer = stop(clearTimer);
    windowTimer = stop(windowTimer);
    if (count >= PRESSES_TO_EXIT) {
      count = 0;
      done = true;
      on.complete();
      return;
    }
    on.progress(PRESSES_TO_EXIT - count);
    windowTimer = timers.setTimeout(expire, PRESS_WINDOW_MS);
  }

  return {
    keydown(event: Key) {
      if (done) return;
      if (event.key !== "Shift" && event.shiftKey) usedAsModifier = true;
    },
    keyup(event: Key) {
      if (done) return;
      if (event.key === "Shift") return shiftReleased(event.shiftKey);
      if (event.shiftKey) usedAsModifier = true;
      // Any other key mid-sequence abandons it.
      if (count > 0) expire();
    },
    /** Back to a fresh start (the page was shown again, e.g. from the back-forward cache). */
    reset() {
      windowTimer = stop(windowTimer);
      clearTimer = stop(clearTimer);
      count = 0;
      usedAsModifier = false;
      done = false;
    },
    get count() {
      return count;
    },
    /** Whether any timer is still pending (none after the third press). */
    get pending() {
      return windowTimer !== null || clearTimer !== null;
    },
  };
}

export type ShiftSequence = ReturnType<typeof shiftSequence>;
