// What happens to a post after it is judged (judgeText) and the author's probation is known:
// whether it is stored visible or pending, and which queue item it opens. Pure, so posting and
// editing decide the same way (docs/moderation.md, "Holds").
import { PRIORITY } from "#server/moderation/priority.ts";
import { IDENTIFYING, type HoldReason, type Judgement } from "./index.ts";

export interface QueueEntry {
  kind: "pending" | "hold" | "flag";
  priority: number;
  detail: { reasons: string[]; probation?: true; flagged?: true; edit?: true };
}

export interface HoldDecision {
  status: "visible" | "pending";
  queue: QueueEntry | null;
}

function holdPriority(reasons: readonly HoldReason[]) {
  if (reasons.some((r) => IDENTIFYING.includes(r))) return PRIORITY.identifying;
  if (reasons.includes("image-link")) return PRIORITY.sexual;
  return PRIORITY.hold;
}

/** `probation`: the post waits because its author is on probation (for an edit: on probation
 *  and the edit adds a link). A post that waits for both keeps `probation` in its item's detail,
 *  so approving it still counts towards the author's approved posts. */
export function decideHold(judgement: Judgement, probation: boolean, edit = false): HoldDecision {
  const flagged = judgement.flags.length > 0;
  const extra = { ...(edit ? { edit: true as const } : {}), ...(flagged ? { flagged: true as const } : {}) };
  if (judgement.holds.length > 0) {
    const detail = { reasons: [...judgement.holds], ...(probation ? { probation: true as const } : {}), ...extra };
    return { status: "pending", queue: { kind: "hold", priority: holdPriority(judgement.holds), detail } };
  }
  if (probation) return { status: "pending", queue: { kind: "pending", priority: PRIORITY.pending, detail: { reasons: [], probation: true, ...extra } } };
  if (flagged)
    return { status: "visible", queue: { kind: "flag", priority: PRIORITY.hold, detail: { reasons: ["watched-word"], ...(edit ? { edit: true } : {}) } } };
  return { status: "visible", queue: null };
}
