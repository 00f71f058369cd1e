// "Someone is typing": each chat:typing event holds for a few seconds, and a message from that
// person ends it. Names arrive only for moderators (the server leaves them out for everyone
// else), so members see "someone", never who.
import { useCallback, useEffect, useState } from "react";

/** How long one chat:typing keeps the notice up (the sender repeats it every 3 s at most). */
const HOLD_MS = 5_000;
const UNNAMED = "";

export interface TypingState {
  /** Somebody (not this member) is typing. */
  someone: boolean;
  /** Who, when the server said (moderators only). */
  names: string[];
}

export function useTyping() {
  const [until, setUntil] = useState<ReadonlyMap<string, number>>(new Map());

  useEffect(() => {
    if (until.size === 0) return;
    const next = Math.min(...until.values());
    const timer = setTimeout(
      () => {
        const now = Date.now();
        setUntil((current) => new Map([...current].filter(([, end]) => end > now)));
      },
      Math.max(0, next - Date.now()) + 50,
    );
    return () => clearTimeout(timer);
  }, [until]);

  const someoneTyped = useCallback((name?: string) => {
    setUntil((current) => new Map(current).set(name ?? UNNAMED, Date.now() + HOLD_MS));
  }, []);

  const stoppedTyping = useCallback((name: string) => {
    setUntil((current) => {
      if (!current.has(name) && !current.has(UNNAMED)) return current;
      const next = new Map(current);
      next.delete(name);
      // Without names there is no telling whose message this was; one message ends one notice.
      next.delete(UNNAMED);
      return next;
    });
  }, []);

  const names = [...until.keys()].filter((k) => k !== UNNAMED).sort();
  return { typing: { someone: until.size > 0, names }, someoneTyped, stoppedTyping };
}
