// The composer's first line of defence (the server stays the authority): images pasted, dropped
// or chosen as attachments are stopped in the browser, before any byte is sent.
const SIGNATURES: number[][] = [
  [0xff, 0xd8, 0xff], // JPEG
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0x47, 0x49, 0x46, 0x38], // GIF
  [0x42, 0x4d], // BMP
  [0x49, 0x49, 0x2a, 0x00], // TIFF
  [0x4d, 0x4d, 0x00, 0x2a],
  [0x00, 0x00, 0x01, 0x00], // ICO
  [0x38, 0x42, 0x50, 0x53], // PSD
  [0x71, 0x6f, 0x69, 0x66], // QOI
  [0xff, 0x0a], // JPEG XL
];

function startsWith(bytes: Uint8Array, sig: number[]) {
  return sig.every((b, i) => bytes[i] === b);
}

export async function looksLikeImage(file: File): Promise<boolean> {
  if (file.type.startsWith("image/") || /\.(jpe?g|png|gif|webp|avif|heic|heif|bmp|tiff?|svg|ico|psd|jxl|jp2|raw|dng)$/i.test(file.name)) return true;
  const head = new Uint8Array(await file.slice(0, 64).arrayBuffer());
  if (SIGNATURES.some((sig) => startsWith(head, sig))) return true;
  const text = new TextDecoder().decode(head);
  return /^RIFF....WEBP/s.test(text) || /^....ftyp(avif|heic|heix|mif1|msf1)/s.test(text) || /<svg[\s>]/i.test(text);
}

export function hasFiles(data: DataTransfer | null) {
  return Boolean(data && (data.files.length > 0 || [...data.items].some((item) => item.kind === "file")));
}
