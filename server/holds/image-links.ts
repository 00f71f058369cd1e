// Links to pictures: an address whose path ends in an image file's extension (query string and
// fragment allowed: …/a.jpg?w=800), or any address on an image host (image-hosts.ts). The media
// guard has already removed markdown images; what is left is a link someone would click.
// A file name on its own ("I saved it as evidence.png") is not a link.
import { IMAGE_HOSTS } from "./image-hosts.ts";

const URL_LIKE = /(?:https?:\/\/|(?<![A-Za-z0-9@.-])(?:www\.)?)((?:[a-z0-9-]+\.)+[a-z]{2,})(?::\d+)?((?:\/[^\s)\]>"'<]*)?)/giu;
const IMAGE_FILE = /\.(?:jpe?g|jfif|png|apng|gif|webp|heic|heif|avif|bmp|tiff?|svg)(?:[?#][^\s]*)?$/i;

function onImageHost(host: string) {
  const h = host.toLowerCase();
  return IMAGE_HOSTS.some((known) => h === known || h.endsWith(`.${known}`));
}

export function hasImageLink(text: string): boolean {
  for (const match of text.matchAll(URL_LIKE)) {
    const host = match[1]!;
    const path = match[2] ?? "";
    const explicit = /^https?:\/\//i.test(match[0]) || /^www\./i.test(match[0]);
    // A bare "evidence.png" reads as a host "evidence.png" with no path: only real addresses.
    if (onImageHost(host) && (explicit || path.length > 1)) return true;
    if (path.length > 1 && IMAGE_FILE.test(path.replace(/[.,;:!?]+$/, ""))) return true;
  }
  return false;
}
