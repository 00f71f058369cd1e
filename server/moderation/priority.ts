// The queue's order: lower first. Self-harm risk is on top, then identifying information (a
// member's safety can depend on minutes), then repeat image attempts and sexual content.
export const PRIORITY = {
  selfHarm: 0,
  identifying: 1,
  repeatImage: 2,
  sexual: 3,
  harassment: 4,
  appeal: 5,
  hold: 6,
  pending: 7,
  approval: 7,
  other: 8,
} as const;

const BY_REASON: Record<string, number> = {
  "self-harm": PRIORITY.selfHarm,
  identifying: PRIORITY.identifying,
  image: PRIORITY.sexual,
  harassment: PRIORITY.harassment,
  spam: PRIORITY.other,
  other: PRIORITY.other,
};

export function reportPriority(reason: string) {
  return BY_REASON[reason] ?? PRIORITY.other;
}
