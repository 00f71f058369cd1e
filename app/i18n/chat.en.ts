// Chat: what the server tells a member about their messages (errors, refusals, notices), the
// moderators' chat actions as the queue and the audit log name them.
export const chatEn = {
  "chat.error.generic": "Something went wrong. Please try again.",
  "chat.error.invalid": "That request was not understood. Please reload the page.",
  "chat.error.tooFast": "You are going too fast. Wait {seconds} s and try again.",
  "chat.error.forbidden": "You cannot do that here.",
  "chat.error.notFound": "That room or message is not there any more.",
  "chat.error.unavailable": "Hearth cannot reach its database just now. Nothing was lost; please try again in a moment.",
  "chat.error.signedOut": "Your session has ended. Please sign in again.",
  // The message itself
  "chat.body.empty": "Write something first.",
  "chat.body.tooLong": "A message can be at most {max} characters. Please shorten it or split it in two.",
  "chat.body.control": "This message contains invisible control characters. Please remove them.",
  "chat.body.onlyImage":
    "Not sent: Hearth never shares images, so the image was removed, and nothing else was left to send. Moderators see that an image was removed, never the image.",
  "chat.notice.imageRemoved": "An image was removed from your message: Hearth never stores or shows images. The rest was sent.",
  // Refusals: chat is not held for review (decision 017)
  "chat.refused.identifying":
    "Not sent: this looks like identifying details (a phone number, an email or street address, an ID number or an account name). Chat messages go straight to everyone in the room and are not held for a moderator to check first, so such details cannot be shared here — to keep you and others safe. If you need to tell a moderator something like this, use a report.",
  "chat.refused.imageLink":
    "Not sent: this looks like a link to an image. Chat messages are not held for a moderator to check first, so image links cannot be shared here.",
  "chat.refused.watched":
    "Not sent: this message contains words that a moderator would need to look at first, and chat messages are not held for review. Please rephrase it.",
  "chat.refused.blocked": "Not sent: this message contains words this community has ruled out. Please rephrase it.",
  // Why a member can read but not write
  "chat.readOnly.suspended": "Your account is suspended for now: you can read this room, but not write in it.",
  "chat.readOnly.paused": "Your posting is paused after repeated image attempts: you can read, but not write, until a moderator lets you post again.",
  "chat.readOnly.probation": "As a new member you can read this room for now. You can write once your first posts have been approved.",
  "chat.readOnly.muted":
    "A moderator has muted you in this room until {until} ({minutes, plural, one {# more minute} other {# more minutes}}). You can still read.",
  "chat.readOnly.locked": "This room is locked by the moderators for now: you can read, but not write.",
  "chat.slowMode": "Slow mode is on in this room: please wait {seconds} s before your next message.",
  // Moderators' controls
  "chat.mute.minutes": "Choose how long to mute, in minutes (at most a week).",
  "chat.slow.seconds": "Choose a slow-mode gap in seconds (0 turns it off, at most an hour).",
  "mod.action.removeMessage": "Remove the message",
  "queue.kindMessage": "Chat message",
  "queue.room": "Room: {name}",
  "queue.messageRemoved": "This message has been removed.",
  "audit.action.chat.remove": "removed a chat message",
  "audit.action.chat.mute": "muted a member in a chat room",
  "audit.action.chat.unmute": "lifted a member's mute in a chat room",
  "audit.action.chat.slow": "changed a chat room's slow mode",
  "audit.action.chat.lock": "locked a chat room",
  "audit.action.chat.unlock": "unlocked a chat room",
  "audit.action.chat.retention": "deleted expired chat messages",
  "audit.action.chat.retention_set": "changed how long a chat room keeps its messages",
  "audit.targetMessage": "a chat message",
  "audit.targetRoom": "a chat room",
} as const;
