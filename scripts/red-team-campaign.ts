/**
 * Runs one red-team campaign (every seed attack and benign control through every mutator) and prints
 * detection per mutator and per family — the figures the README's Safety section quotes.
 *
 *   npx tsx --conditions=react-server scripts/red-team-campaign.ts [--variants 2] [--seed 1]
 */
import { campaignConfigSchema, runCampaign } from "../lib/safety/red-team/run-campaign";
import { formatPercent } from "../lib/format";

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : undefined);
const config = campaignConfigSchema.parse({ variants_per_seed: option("--variants") ?? 2, random_seed: option("--seed") ?? 1 });
const { summary } = await runCampaign(config);
const pct = (x: number) => formatPercent(x, 1);
console.log(
  `Attacks detected: ${summary.attacks.detected} of ${summary.attacks.total} (${pct(summary.attacks.rate)}); benign controls flagged: ${summary.benign.falseAlarms} of ${summary.benign.total}.`,
);
console.log("\n| mutator | attacks detected | benign controls flagged |\n|---|---:|---:|");
for (const m of summary.perMutator) console.log(`| ${m.mutator} | ${m.detected}/${m.total} (${pct(m.rate)}) | ${m.falseAlarms}/${m.benignTotal} |`);
console.log("\n| family | attacks detected |\n|---|---:|");
for (const f of summary.perFamily) console.log(`| ${f.family} | ${f.detected}/${f.total} (${pct(f.rate)}) |`);
process.exit(0);
