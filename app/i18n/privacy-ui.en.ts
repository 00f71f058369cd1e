// The privacy page (/privacy), the footer that links it, and discreet mode (its switch on
// /settings and /safety, the neutral title, "New activity"). docs/safety.md, "Discreet mode".
const days = "{days, plural, one {# day} other {# days}}";

export const privacyUiEn = {
  "privacy.footer.label": "About this site",
  "privacy.footer.privacy": "Privacy",
  "privacy.join.link": "What Hearth keeps about you, and what it never stores",
  // Discreet mode
  "privacy.device.heading": "On this device",
  "privacy.discreet.name": "Discreet mode",
  "privacy.discreet.title": "Notes",
  "privacy.discreet.newActivity": "New activity",
  "privacy.discreet.explain":
    "For this device only. Every tab then shows “Notes” and a plain note icon instead of Hearth and the names of forums and threads; notifications say only “New activity”; and the quick exit signs you out as well.",
  "privacy.discreet.limits":
    "It does not hide what is on the page, erase your browsing history, or stop someone who uses this device from opening Hearth. Clearing this site's data in your browser turns it off.",
  "privacy.discreet.isOn": "Discreet mode is on for this device.",
  "privacy.discreet.isOff": "Discreet mode is off for this device.",
  "privacy.discreet.turnOn": "Turn discreet mode on",
  "privacy.discreet.turnOff": "Turn discreet mode off",
  "privacy.discreet.more": "What discreet mode does and does not do",
  // The page
  "privacy.page.title": "Your privacy on Hearth",
  "privacy.page.intro":
    "What Hearth keeps about you, for how long, and who can see it. The periods on this page are this server's settings right now: when an admin changes one, this page changes with it.",
  "privacy.page.never.heading": "What Hearth never stores",
  "privacy.page.never.contact": "Your email address, phone number or real name. Joining asks only for a pseudonym and a passphrase.",
  "privacy.page.never.address":
    "Your IP address: it is not kept in the database or in the server's logs. To slow down abuse, Hearth counts requests under a scrambled code made from the address with a secret key (an HMAC). The key changes every day and old keys are thrown away, so the codes cannot be traced back to an address.",
  "privacy.page.never.images":
    "Images. However one arrives, it is removed before anything is saved; only a short record that an image was removed is kept (below).",
  "privacy.page.never.secrets":
    "Your passphrase and recovery codes as you typed them. Only a one-way fingerprint of each (a hash) is kept, which cannot be turned back into them.",
  "privacy.page.never.trackers": "Anything for other companies: no page loads adverts, analytics, web fonts or anything else from another site.",
  "privacy.page.never.searches": "What you search for.",
  "privacy.page.kept.heading": "What Hearth keeps",
  "privacy.page.kept.intro":
    "For each kind of thing: what it is, how long it is kept before it is deleted for real, and who can see it. The people named are explained under “Who is who”.",
  "privacy.page.howLong": "How long",
  "privacy.page.whoSees": "Who can see it",
  "privacy.page.account.heading": "Your account",
  "privacy.page.account.what":
    "Your pseudonym, the fingerprint of your passphrase, your role and standing (new, suspended and so on), your language and settings, and the day you joined. If you joined with an invitation, it notes that your account used it.",
  "privacy.page.account.howLong": "As long as your account exists.",
  "privacy.page.account.who": "Members see your pseudonym beside what you write. Moderators and admins see your standing. Nobody sees your passphrase.",
  "privacy.page.sessions.heading": "Where you are signed in",
  "privacy.page.sessions.what":
    "For each device you are signed in on: a fingerprint of its sign-in cookie (never the cookie itself), when you signed in and when the sign-in ends.",
  "privacy.page.sessions.howLong": `Until you sign out or end it in your settings. A sign-in you stop using ends at most ${days} after you last used it: from that moment it no longer works, and its record is deleted within the hour.`,
  "privacy.page.sessions.who": "You, in your settings.",
  "privacy.page.posts.heading": "Threads and posts",
  "privacy.page.posts.what":
    "What you write in the forums: titles, the text as you wrote it and as it is shown, content warnings and attached text files. When you edit a post, only the new version is kept.",
  "privacy.page.posts.howLong":
    "Until you delete it: its text and files go at once, and a note says it was removed by its author. A post a moderator removes stays stored out of sight, so that it can be put back if you appeal.",
  "privacy.page.posts.who":
    "Members who may read the forum, and anyone at all in a forum open to visitors. A post waiting for a moderator is seen only by you and the moderators.",
  "privacy.page.rejected.heading": "Posts that were not let through",
  "privacy.page.rejected.what": "A post that waited for a moderator (while you are new, or because it was held automatically) and was not let through.",
  "privacy.page.rejected.howLong": `Deleted ${days} later.`,
  "privacy.page.rejected.who": "Moderators. You are told, in your moderation history.",
  "privacy.page.chat.heading": "Chat messages",
  "privacy.page.chat.what": "What you write in chat rooms.",
  "privacy.page.chat.howLong": "Each room deletes its messages after its own period:",
  "privacy.page.chat.room": `{room}: ${days} ({who})`,
  "privacy.page.chat.none": "There are no chat rooms at the moment.",
  "privacy.page.chat.access.everyone": "open to every member",
  "privacy.page.chat.access.members": "for members past their first posts",
  "privacy.page.chat.access.moderators": "for moderators and admins",
  "privacy.page.chat.who":
    "The members who may enter the room, as listed beside each room. A message a moderator removes is hidden from everyone but the moderators until the room's period ends.",
  "privacy.page.notifications.heading": "Notifications",
  "privacy.page.notifications.what": "Mentions of you in other members' posts, and notices of what moderators decided about you.",
  "privacy.page.notifications.howLong": `Deleted after ${days}.`,
  "privacy.page.notifications.who": "Only you.",
  "privacy.page.reports.heading": "Reports",
  "privacy.page.reports.what": "Reports you make (what you reported, the reason and your note), and reports others make about your posts or about you.",
  "privacy.page.reports.howLong": `Kept while moderators deal with them, and deleted ${days} after they are closed.`,
  "privacy.page.reports.who": "Moderators and admins. A member who is reported is never shown who reported them.",
  "privacy.page.history.heading": "Moderation history",
  "privacy.page.history.what":
    "What moderators decided about you (removals, warnings, suspensions), your appeals and their answers, and private notes moderators may keep about a member.",
  "privacy.page.history.howLong": "As long as your account exists.",
  "privacy.page.history.who":
    "You see your history and appeals in your settings; moderators and admins see them too. Notes are seen only by moderators who look after every forum, and by admins.",
  "privacy.page.own.heading": "Blocks and reading places",
  "privacy.page.own.what": "The members you have blocked, and where you stopped reading each thread (to mark what is new).",
  "privacy.page.own.howLong": "Until you unblock someone; reading places as long as your account exists.",
  "privacy.page.own.who": "Only you.",
  "privacy.page.removals.heading": "Records of removed images",
  "privacy.page.removals.what":
    "When an image is removed: where it was sent (a post, chat, an upload), its type, its size and a fingerprint (SHA-256) that recognises the same file if it is sent again. Never the image.",
  "privacy.page.removals.howLong": `Deleted after ${days}.`,
  "privacy.page.removals.who": "Moderators who look after every forum, and admins, see how often a member has tried; operators can count them per member.",
  "privacy.page.audit.heading": "The moderators' log",
  "privacy.page.audit.what": "Every action of a moderator, admin or operator, and every change of a setting: who acted, on what, when and why.",
  "privacy.page.audit.howLong": `Deleted after ${days}.`,
  "privacy.page.audit.who": "Moderators see the actions in their forums; admins see all of it.",
  "privacy.page.evidence.heading": "Your evidence log",
  "privacy.page.evidence.what":
    "If you keep one: your entries, sealed so that only your passphrase, one of your recovery codes or your signed-in session can open them. An image removed from it is not recorded anywhere.",
  "privacy.page.evidence.howLong": "Until you delete the entries.",
  "privacy.page.evidence.who":
    "Only you. Moderators, admins and operators cannot read it: not from the database, and not from its backups. They can see that you have a log, how many entries it holds and when each was written or changed.",
  "privacy.page.cookies.heading": "Cookies on this device",
  "privacy.page.cookies.what":
    "The sign-in cookie while you are signed in, and the choices you make for this device: your language, discreet mode, and the Shift shortcut if you turned it off. Nothing else.",
  "privacy.page.cookies.howLong": "The sign-in cookie until you sign out or the sign-in ends; the choices for a year, or until you clear this site's data.",
  "privacy.page.cookies.who": "Only this browser and Hearth.",
  "privacy.page.roles.heading": "Who is who",
  "privacy.page.roles.members": "Members: everyone who has joined and been let in.",
  "privacy.page.roles.moderators": "Moderators: volunteers who look after the forums and chat rooms; some look after only some forums.",
  "privacy.page.roles.admins": "Admins: members who run the site's settings and choose the moderators.",
  "privacy.page.roles.operators":
    "Operators: the people who run the server Hearth is on. They can reach everything stored in the database except what your evidence log says, which is sealed.",
  "privacy.page.more.heading": "Good to know",
  "privacy.page.more.logs": "The server's logs record what happens without your address, your pseudonym or anything you wrote.",
  "privacy.page.more.backups": "Operators may keep backups of the database. Something deleted here can remain in a backup until that backup is deleted.",
  "privacy.page.more.history": "Your browser keeps its own history of the pages you open here, which Hearth cannot clear.",
  "privacy.page.more.safety": "How to leave quickly and stay safer",
  "privacy.page.yours.heading": "Your choices",
  "privacy.page.yours.export": "You can download everything Hearth holds about you, and erase your account, in your privacy settings.",
  "privacy.page.yours.discreet": "Turn on discreet mode for this device",
};
