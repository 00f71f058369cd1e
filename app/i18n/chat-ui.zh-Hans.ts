import type { chatUiEn } from "./chat-ui.en.ts";

export const chatUiZhHans: Record<keyof typeof chatUiEn, string> = {
  "chat.title": "聊天",
};
