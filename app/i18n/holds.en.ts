// English strings for moderation: holds, probation and the repeat-image pause (merged in catalog.ts).
export const holdsEn = {
  "holds.blocked": "This post can't be published here: it contains words this community has ruled out. Your text is still in the box, so you can change it.",
  "holds.waiting":
    "Your post is saved and waiting for a moderator. Until one has looked at it, only you can see it. New members' first posts, and posts with contact details, an address or a link to a picture, are always checked first.",
  "holds.editWaiting": "Your edit is saved and waiting for a moderator. Until one has looked at it, only you can see this post.",
  "holds.threadWaiting": "This thread is waiting for a moderator. Only you can see it for now.",
  "holds.noReplyWhileWaiting": "You can add replies once a moderator has approved this thread.",
} as const;
