import { normalizeText } from "../normalize/normalize-text";
import { originalSpan } from "../normalize/text-view";
import { cardNetwork, germanTaxIdValid, ibanValid, luhnValid, usSsnValid } from "./checksums";

/**
 * Finds personal data in text: e-mail addresses, phone numbers, payment cards (Luhn and issuer prefix),
 * IBANs (mod 97), US SSNs, German tax ids (MOD 11,10) and UK National Insurance numbers. Spans point
 * into the original text; previews are masked so a response never echoes a full number back.
 */

export const piiTypes = ["email", "phone", "credit_card", "iban", "us_ssn", "de_tax_id", "uk_nino"] as const;
export type PiiType = (typeof piiTypes)[number];

export interface PiiFinding {
  type: PiiType;
  start: number;
  end: number;
  /** Masked form for display; never the full value. */
  masked: string;
  /** What confirmed it (e.g. "Luhn checksum, visa prefix"). */
  check: string;
}

/** How much each type raises the risk of a text (noisy-OR across findings). */
export const piiRisk: Record<PiiType, number> = {
  email: 0.3,
  phone: 0.3,
  credit_card: 0.9,
  iban: 0.8,
  us_ssn: 0.9,
  de_tax_id: 0.75,
  uk_nino: 0.75,
};

const maskDigits = (value: string, keep: number) => {
  const digits = value.replace(/\D/g, "");
  return "•".repeat(Math.max(0, digits.length - keep)) + digits.slice(-keep);
};

function maskEmail(email: string): string {
  const [local, domain] = email.split("@");
  const dot = domain.lastIndexOf(".");
  return `${local[0]}***@${domain[0]}***${dot > 0 ? domain.slice(dot) : ""}`;
}

interface Candidate extends PiiFinding {
  priority: number;
}

export function detectPii(text: string): { findings: PiiFinding[]; score: number; detectMs: number } {
  const startedAt = performance.now();
  const { normalized: view } = normalizeText(text);
  const candidates: Candidate[] = [];
  const add = (type: PiiType, start: number, end: number, masked: string, check: string, priority: number) => {
    const span = originalSpan(view, start, end);
    candidates.push({ type, ...span, masked, check, priority });
  };
  const source = view.text;

  for (const m of source.matchAll(/[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}\b/g)) {
    add("email", m.index, m.index + m[0].length, maskEmail(m[0]), "address syntax", 1);
  }
  for (const m of source.matchAll(/(?<![\dA-Za-z])\d(?:[ -]?\d){11,18}(?![\dA-Za-z])/g)) {
    const digits = m[0].replace(/\D/g, "");
    const network = cardNetwork(digits);
    if (network && luhnValid(digits)) add("credit_card", m.index, m.index + m[0].length, maskDigits(digits, 4), `Luhn checksum, ${network} prefix`, 5);
  }
  for (const m of source.matchAll(/\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/g)) {
    const compact = m[0].replace(/ /g, "").toUpperCase();
    if (ibanValid(compact))
      add(
        "iban",
        m.index,
        m.index + m[0].length,
        `${compact.slice(0, 2)}•• ${"•".repeat(Math.max(0, compact.length - 8))}${compact.slice(-4)}`,
        "ISO 7064 mod-97 check digits",
        5,
      );
  }
  for (const m of source.matchAll(
    /(?<![\d-])(\d{3})-(\d{2})-(\d{4})(?![\d-])|(?<=\b(?:ssn|social security(?: number)?|soc\. sec\.)[:#\s]{1,4})(\d{3}) ?(\d{2}) ?(\d{4})\b/gi,
  )) {
    const [area, group, serial] = m[1] ? [m[1], m[2], m[3]] : [m[4], m[5], m[6]];
    if (usSsnValid(area, group, serial)) add("us_ssn", m.index, m.index + m[0].length, `•••-••-${serial}`, "SSN area/group/serial rules", 4);
  }
  for (const m of source.matchAll(/(?<![\d])(\d{2}) ?(\d{3}) ?(\d{3}) ?(\d{3})(?![\d])/g)) {
    const digits = m[0].replace(/ /g, "");
    if (germanTaxIdValid(digits)) add("de_tax_id", m.index, m.index + m[0].length, maskDigits(digits, 2), "Steuer-ID digit rules and MOD 11,10 check digit", 3);
  }
  for (const m of source.matchAll(/\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g)) {
    add("uk_nino", m.index, m.index + m[0].length, `${m[0].slice(0, 2)}••••••${m[0].slice(-1)}`, "NINO prefix and suffix rules", 3);
  }
  for (const m of source.matchAll(/(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]\d{2,8}){1,4}(?![\w])|(?<![\w+])\+\d{8,14}(?!\d)/g)) {
    const digits = m[0].replace(/\D/g, "");
    const international = m[0].trim().startsWith("+");
    // Dates, times, versions and plain numbers look like this too: insist on phone-like length and shape.
    if (digits.length < (international ? 8 : 10) || digits.length > (international ? 15 : 11)) continue;
    if (/^\d{4}[-./]\d{1,2}[-./]\d{1,2}$/.test(m[0].trim()) || /^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$/.test(m[0].trim())) continue;
    add("phone", m.index, m.index + m[0].length, maskDigits(digits, 2), international ? "international number" : "national number shape", 2);
  }

  // Where candidates overlap (a card number also matches the phone shape) the stronger check wins.
  candidates.sort((a, b) => b.priority - a.priority || a.start - b.start);
  const findings: PiiFinding[] = [];
  for (const c of candidates) {
    if (findings.some((f) => c.start < f.end && f.start < c.end)) continue;
    findings.push({ type: c.type, start: c.start, end: c.end, masked: c.masked, check: c.check });
  }
  findings.sort((a, b) => a.start - b.start);
  const score = 1 - findings.reduce((keep, f) => keep * (1 - piiRisk[f.type]), 1);
  return { findings, score, detectMs: performance.now() - startedAt };
}
