import "server-only";
import { z } from "zod";
import { detectInjections } from "../detect-injection";
import { attackFamilyNames } from "../signatures/families";
import { seededRandom } from "../../seeded-random";
import { mutatorIds, mutators } from "./mutators";
import { benignControls, seedAttacks, type Seed } from "./seed-attacks";
import { yieldToEventLoop } from "../../yield-to-event-loop";

/**
 * A red-team campaign: every seed attack (and benign control) through every chosen mutator, each
 * mutated text through the detector, detection counted per mutator and per family. Benign controls
 * measure whether a mutation alone (e.g. base64 of a harmless question) raises false alarms.
 */

export const campaignConfigSchema = z
  .object({
    title: z.string().trim().min(1).max(120).optional(),
    mutators: z
      .array(z.enum(mutatorIds as [string, ...string[]]))
      .min(1)
      .max(mutatorIds.length)
      .optional(),
    families: z
      .array(z.enum(attackFamilyNames as [string, ...string[]]))
      .min(1)
      .optional(),
    /** Variants per seed for the randomised mutators. */
    variants_per_seed: z.number().int().min(1).max(5).default(2),
    random_seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31)
      .default(1),
  })
  .strict();
export type CampaignConfig = z.infer<typeof campaignConfigSchema>;

interface Rate {
  total: number;
  detected: number;
  rate: number;
}
export interface CampaignSummary {
  attacks: Rate;
  benign: { total: number; falseAlarms: number; falsePositiveRate: number };
  perMutator: ({ mutator: string; description: string } & Rate & { benignTotal: number; falseAlarms: number })[];
  perFamily: ({ family: string } & Rate)[];
  threshold: number;
  durationMs: number;
  config: { mutators: string[]; families: string[]; variantsPerSeed: number; randomSeed: number };
}

export interface CampaignSample {
  seed: string;
  family: string;
  mutator: string;
  text: string;
  probability: number;
  detected: boolean;
  topFamilies: string[];
}

const BATCH = 16;
const SAMPLE_TEXT_CHARS = 400;
const DETERMINISTIC = new Set(["identity", "base64", "hex", "rot13", "payload-splitting"]);

/** Runs every mutated case through the detector; `onProgress` hears how many of how many cases are scored. */
export async function runCampaign(config: CampaignConfig, onProgress: (scored: number, total: number) => Promise<void> | void = () => {}) {
  const startedAt = performance.now();
  const chosen = mutators.filter((m) => !config.mutators || config.mutators.includes(m.id));
  const seeds: Seed[] = [...seedAttacks.filter((s) => !config.families || config.families.includes(s.family)), ...benignControls];
  const random = seededRandom(config.random_seed);
  const cases = chosen.flatMap((mutator) =>
    seeds.flatMap((seed) =>
      Array.from({ length: DETERMINISTIC.has(mutator.id) ? 1 : config.variants_per_seed }, () => ({ seed, mutator, text: mutator.apply(seed.text, random) })),
    ),
  );

  const samples: CampaignSample[] = [];
  let threshold = 0.5;
  for (let i = 0; i < cases.length; i += BATCH) {
    // Campaigns run inside the server: give requests a turn between batches.
    await yieldToEventLoop();
    const batch = cases.slice(i, i + BATCH);
    const results = await detectInjections(batch.map((c) => c.text));
    results.forEach((r, k) => {
      threshold = r.threshold;
      samples.push({
        seed: batch[k].seed.id,
        family: batch[k].seed.family,
        mutator: batch[k].mutator.id,
        text: batch[k].text.slice(0, SAMPLE_TEXT_CHARS),
        probability: Math.round(r.probability * 1e4) / 1e4,
        detected: r.flagged,
        topFamilies: r.families.slice(0, 3).map((f) => f.family),
      });
    });
    await onProgress(i + batch.length, cases.length);
  }
  return { summary: summarize(samples, chosen, threshold, config, performance.now() - startedAt), samples };
}

function rate(rows: CampaignSample[]): Rate {
  const detected = rows.filter((r) => r.detected).length;
  return { total: rows.length, detected, rate: rows.length ? detected / rows.length : 0 };
}

function summarize(samples: CampaignSample[], chosen: typeof mutators, threshold: number, config: CampaignConfig, durationMs: number): CampaignSummary {
  const attacks = samples.filter((s) => s.family !== "benign");
  const benign = samples.filter((s) => s.family === "benign");
  const falseAlarms = benign.filter((s) => s.detected).length;
  const families = [...new Set(attacks.map((s) => s.family))];
  return {
    attacks: rate(attacks),
    benign: { total: benign.length, falseAlarms, falsePositiveRate: benign.length ? falseAlarms / benign.length : 0 },
    perMutator: chosen.map((m) => {
      const b = benign.filter((s) => s.mutator === m.id);
      return {
        mutator: m.id,
        description: m.description,
        ...rate(attacks.filter((s) => s.mutator === m.id)),
        benignTotal: b.length,
        falseAlarms: b.filter((s) => s.detected).length,
      };
    }),
    perFamily: families.map((family) => ({ family, ...rate(attacks.filter((s) => s.family === family)) })),
    threshold,
    durationMs: Math.round(durationMs),
    config: { mutators: chosen.map((m) => m.id), families, variantsPerSeed: config.variants_per_seed, randomSeed: config.random_seed },
  };
}
