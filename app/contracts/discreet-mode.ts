// Discreet mode's one fact both sides need (docs/safety.md, "Discreet mode"): where the neutral
// tab icon is served (server/http/neutral-icon.ts), which every page names while the mode is on.
export const NEUTRAL_ICON_PATH = "/icons/notes.svg";
