// Chat's pages: the room list and a room, with and without JavaScript.
export const chatUiEn = {
  "chat.title": "Chat",
} as const;
