// Chat: what the server tells a member about their messages (errors, notices) and the room pages.
export const chatEn = {
  "chat.error.generic": "Something went wrong. Please try again.",
  "chat.error.invalid": "That request was not understood. Please reload the page.",
  "chat.error.tooFast": "You are going too fast. Wait {seconds} s and try again.",
  "chat.error.forbidden": "You cannot do that here.",
  "chat.error.notFound": "That room or message is not there any more.",
  "chat.error.unavailable": "Hearth cannot reach its database just now. Nothing was lost; please try again in a moment.",
  "chat.error.signedOut": "Your session has ended. Please sign in again.",
} as const;
