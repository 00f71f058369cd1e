// Help page seed for English readers, from docs/safety.md sections 2 and 3 (sources and dates there).
// Re-check numbers and hours before each release; admins can edit them (`npm run admin -- set`).
import type { HelpResources } from "./settings.ts";

export const helpEn: HelpResources = {
  services: [
    {
      name: "StopNCII.org",
      offers:
        "For adults. You make a digital fingerprint (a hash) of each intimate image on your own device; only the hash leaves it, never the image. Partner platforms remove matching images that break their rules. Keep your case PIN safe: a lost PIN cannot be recovered.",
      region: "Worldwide",
      contact: "stopncii.org",
      url: "https://stopncii.org/",
    },
    {
      name: "Take It Down (NCMEC)",
      offers:
        "The same kind of fingerprinting, for images taken when you were under 18. No personal details are needed. It works with participating platforms that are not end-to-end encrypted.",
      region: "Worldwide",
      contact: "takeitdown.ncmec.org · CyberTipline: 1-800-THE-LOST",
      url: "https://takeitdown.ncmec.org/",
    },
    {
      name: "Revenge Porn Helpline",
      offers: "Advice for adults in the UK on reporting, getting images removed, and the law.",
      region: "United Kingdom",
      contact: "0345 6000 459 · Monday to Friday, 10:00–16:00",
      url: "https://revengepornhelpline.org.uk/",
    },
    {
      name: "CCRI Crisis Helpline (Cyber Civil Rights Initiative)",
      offers: "Counselling, resources and referrals.",
      region: "United States",
      contact: "844-878-2274 · 24 hours, free",
      url: "https://cybercivilrights.org/",
    },
    {
      name: "988 Suicide & Crisis Lifeline",
      offers: "Call or text 988, or chat at 988lifeline.org. Interpreters in more than 250 languages.",
      region: "United States",
      contact: "988 · 24 hours",
      url: "https://988lifeline.org/",
    },
    {
      name: "Samaritans",
      offers: "Someone to listen, whatever you are going through. Free, and the call does not show on your phone bill. Email: jo@samaritans.org",
      region: "United Kingdom and Ireland",
      contact: "116 123 · 24 hours",
      url: "https://www.samaritans.org/",
    },
  ],
  steps: [
    "If you are being threatened, or someone has posted your address or is tracking you, contact the police now. If you are having thoughts of suicide, call one of the lines above.",
    "Keep evidence: screenshots that show the web address, the date and time and who posted it; messages with their dates; and a timeline of what happened. Keep the page captures, searches for your name and message captures together in one folder, on a computer you rarely use rather than your phone. Never post evidence on Hearth.",
    "Deleting is your choice. But if legal action is possible, talk to the police before you report the images, so that the evidence survives. In Taiwan, do not delete: keep the links and the poster's accounts, and make a complaint. Get legal advice before you take legal steps.",
    "Report the images to each platform first, then add them to StopNCII.org. Check that they break the platform's rules. Asking a search engine to delist a page only hides it from searches: the page itself stays up.",
    "If anyone in the images was under 18, use Take It Down and report to the CyberTipline. Never download or share copies.",
    "Do not bargain with or pay the person threatening you; block them if that helps. In the UK this is a crime: go to a police station, or call 101, with your evidence.",
  ],
};
