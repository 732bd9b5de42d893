import { isPlausibleMessage, rot13, vocabularyRatio, wordsOf } from "./plausible-text";

/**
 * Finds encoded payloads inside a text and decodes those that turn out to be readable messages:
 * base64, hex (plain, \x escapes, spaced bytes), binary octets, URL and HTML/Unicode escapes, Morse,
 * rot13 and reversed text. Each result names the span of the input it was decoded from.
 */

export type EmbeddedEncoding = "base64" | "hex" | "binary" | "url" | "escape" | "morse" | "rot13" | "reversed" | "tags";

export interface DecodedSegment {
  encoding: EmbeddedEncoding;
  /** The decoded text. */
  text: string;
  /** Span of the encoded form in the text that was scanned. */
  start: number;
  end: number;
}

const MAX_SEGMENTS = 20;
const MAX_SCAN_CHARS = 50_000;

function utf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

const byteDecoders: { encoding: EmbeddedEncoding; pattern: RegExp; decode: (m: string) => string | undefined }[] = [
  {
    encoding: "base64",
    pattern: /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{16,}={0,2}(?![A-Za-z0-9+/_-])/g,
    decode: (m) => {
      const compact = m.replace(/=+$/, "");
      if (compact.length % 4 === 1) return undefined;
      // Pure hex and pure letters are better read by the other decoders (or are plain words).
      if (/^[0-9a-f]+$/i.test(compact) || /^[a-z]+$/i.test(compact)) return undefined;
      return utf8(Buffer.from(compact, /[_-]/.test(compact) ? "base64url" : "base64"));
    },
  },
  {
    encoding: "hex",
    pattern: /(?<![0-9A-Za-z])(?:0x)?(?:[0-9a-fA-F]{2}){6,}(?![0-9A-Za-z])/g,
    decode: (m) => utf8(Buffer.from(m.replace(/^0x/, ""), "hex")),
  },
  {
    encoding: "hex",
    pattern: /(?:\\x[0-9a-fA-F]{2}){4,}|(?<![0-9A-Za-z])(?:[0-9a-fA-F]{2}[ :,-]){5,}[0-9a-fA-F]{2}(?![0-9A-Za-z])/g,
    decode: (m) => utf8(Buffer.from(m.replace(/\\x|[ :,-]/g, ""), "hex")),
  },
  {
    encoding: "binary",
    pattern: /(?<![01])(?:[01]{8}[ ,]?){4,}(?![01])/g,
    decode: (m) => utf8(Buffer.from((m.match(/[01]{8}/g) ?? []).map((b) => parseInt(b, 2)))),
  },
  {
    encoding: "url",
    pattern: /(?:%[0-9A-Fa-f]{2}[^\s%]{0,3}){3,}/g,
    decode: (m) => {
      try {
        return decodeURIComponent(m);
      } catch {
        return undefined;
      }
    },
  },
  {
    encoding: "escape",
    pattern: /(?:\\u[0-9a-fA-F]{4}|&#x[0-9a-fA-F]{1,6};|&#\d{1,7};){3,}/g,
    decode: (m) =>
      m.replace(/\\u([0-9a-fA-F]{4})|&#x([0-9a-fA-F]{1,6});|&#(\d{1,7});/g, (_, u, x, d) => {
        const code = parseInt(u ?? x ?? d, u || x ? 16 : 10);
        return code <= 0x10ffff ? String.fromCodePoint(code) : "";
      }),
  },
];

const morseTable: Record<string, string> = {
  ".-": "a",
  "-...": "b",
  "-.-.": "c",
  "-..": "d",
  ".": "e",
  "..-.": "f",
  "--.": "g",
  "....": "h",
  "..": "i",
  ".---": "j",
  "-.-": "k",
  ".-..": "l",
  "--": "m",
  "-.": "n",
  "---": "o",
  ".--.": "p",
  "--.-": "q",
  ".-.": "r",
  "...": "s",
  "-": "t",
  "..-": "u",
  "...-": "v",
  ".--": "w",
  "-..-": "x",
  "-.--": "y",
  "--..": "z",
  "-----": "0",
  ".----": "1",
  "..---": "2",
  "...--": "3",
  "....-": "4",
  ".....": "5",
  "-....": "6",
  "--...": "7",
  "---..": "8",
  "----.": "9",
  "..--..": "?",
};

function decodeMorse(m: string): string {
  return m
    .trim()
    .split(/\s*\/\s*|\s{2,}/)
    .map((word) =>
      word
        .split(/\s+/)
        .map((code) => morseTable[code] ?? "")
        .join(""),
    )
    .join(" ");
}

export function decodeEmbedded(text: string): DecodedSegment[] {
  const scanned = text.length > MAX_SCAN_CHARS ? text.slice(0, MAX_SCAN_CHARS) : text;
  const segments: DecodedSegment[] = [];
  const add = (segment: DecodedSegment) => {
    if (segments.length < MAX_SEGMENTS) segments.push(segment);
  };

  for (const { encoding, pattern, decode } of byteDecoders) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(scanned); m && segments.length < MAX_SEGMENTS; m = pattern.exec(scanned)) {
      const decoded = decode(m[0]);
      if (decoded && isPlausibleMessage(decoded) && decoded !== m[0]) {
        add({ encoding, text: decoded, start: m.index, end: m.index + m[0].length });
      }
    }
  }

  const morse = /(?:[.-]{1,6}(?: {1,3}| ?\/ ?)){4,}[.-]{1,6}/g;
  for (let m = morse.exec(scanned); m; m = morse.exec(scanned)) {
    const decoded = decodeMorse(m[0]);
    if (wordsOf(decoded).length >= 2) add({ encoding: "morse", text: decoded, start: m.index, end: m.index + m[0].length });
  }

  // rot13 and reversed text look like ordinary letters, so they are judged per clause: a clause whose
  // words become common vocabulary once rotated or reversed, and were not before, was encoded.
  const clause = /[^\n:"'«»“”()[\]{}]{12,}/g;
  for (let m = clause.exec(scanned); m; m = clause.exec(scanned)) {
    const part = m[0];
    if (wordsOf(part).length < 3) continue;
    const plain = vocabularyRatio(part);
    if (plain > 0.15) continue;
    const rotated = rot13(part);
    if (vocabularyRatio(rotated) >= 0.4) {
      add({ encoding: "rot13", text: rotated.trim(), start: m.index, end: m.index + part.length });
      continue;
    }
    const reversed = [...part].reverse().join("");
    if (vocabularyRatio(reversed) >= 0.4) add({ encoding: "reversed", text: reversed.trim(), start: m.index, end: m.index + part.length });
  }
  return segments;
}
