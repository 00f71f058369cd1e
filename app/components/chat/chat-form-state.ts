// A refused chat form (no JavaScript), as the room's action answers it. Like FormState
// (app/components/form-parts.tsx), but a chat refusal fills in words as well as numbers ("muted
// until 2026-12-03 14:05 UTC"), and says which of the page's forms it answers.
import type { MessageKey } from "#app/i18n/catalog.ts";

export type ChatIntent = "send" | "remove" | "mute" | "slow" | "lock" | "unlock";

export interface ChatFormState {
  ok: false;
  intent: ChatIntent;
  fieldErrors: Partial<Record<string, MessageKey>>;
  formError?: MessageKey;
  formErrorParams?: Record<string, string | number>;
  values: Record<string, string>;
}
