import type { SafetyResponse } from "@/lib/safety/schemas";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { HighlightedText, type Mark } from "./highlighted-text";
import { ScoreBar } from "./score-bar";

/** Why the verdict was reached: the score of every check and layer, the evidence, and the prompt with spans marked. */
export function SafetyResultView({ result, prompt }: { result: SafetyResponse; prompt?: string }) {
  const { checks } = result;
  const unsafe = result.verdict === "unsafe";
  const marks: Mark[] = result.evidence
    .filter((e) => e.source === "prompt" && e.found_in !== "structure")
    .map((e) => ({ start: e.start, end: e.end, label: e.category, tone: e.check === "pii" ? "pii" : "attack" }));
  const injection = checks.prompt_injection;
  const imageInjection = checks.image_text?.available ? checks.image_text.injection : null;
  return (
    <div className="space-y-4" data-testid="safety-result">
      <Card className="flex flex-wrap items-center gap-4">
        <span
          data-testid="verdict"
          className={`rounded-lg px-3 py-1 text-lg font-semibold ${unsafe ? "bg-rose-100 text-rose-800" : result.verdict === "degraded" ? "bg-amber-100 text-amber-900" : "bg-emerald-100 text-emerald-800"}`}
        >
          {result.verdict}
        </span>
        <span className="text-sm text-slate-700">
          Safety score{" "}
          <strong className="font-mono" data-testid="safety-score">
            {result.safety_score.toFixed(3)}
          </strong>{" "}
          (1 = safe; 0.5 or below is unsafe)
        </span>
        <div className="flex flex-wrap gap-1">
          {result.categories.map((c) => (
            <Badge key={c} tone={c.startsWith("pii") ? "warn" : "bad"}>
              {c}
            </Badge>
          ))}
        </div>
      </Card>

      <Card className="space-y-3">
        <CardTitle>Checks (share of safe)</CardTitle>
        {injection && (
          <ScoreBar label="Prompt injection / jailbreak" value={injection.score} tone={injection.flagged ? "bad" : "good"} testId="check-injection" />
        )}
        {checks.pii && (
          <ScoreBar label={`Personal data (${checks.pii.findings.length} found)`} value={checks.pii.score} tone={checks.pii.score <= 0.5 ? "bad" : "good"} />
        )}
        {checks.nsfw &&
          (checks.nsfw.available ? (
            <ScoreBar label="Image is not explicit (NSFW)" value={checks.nsfw.score} tone={checks.nsfw.score <= 0.5 ? "bad" : "good"} />
          ) : (
            <p className="text-sm text-slate-600">NSFW check unavailable: {checks.nsfw.reason}</p>
          ))}
        {checks.image_text &&
          (checks.image_text.available ? (
            <ScoreBar label="Text read from the image" value={checks.image_text.score} tone={checks.image_text.score <= 0.5 ? "bad" : "good"} />
          ) : (
            <p className="text-sm text-slate-600">Image-text check unavailable: {checks.image_text.reason}</p>
          ))}
      </Card>

      {injection && (
        <Card className="space-y-3">
          <CardTitle>Injection detector layers (probability of attack)</CardTitle>
          <ScoreBar label="Signatures (noisy-OR of matched families)" value={injection.layers.signatures.score} />
          {injection.degraded && (
            <p className="rounded bg-amber-50 px-2 py-1 text-sm text-amber-900" data-testid="injection-degraded">
              Degraded: the {injection.missing_layers.join(", ")} layer is missing, so this answer rests on the signatures alone and cannot vouch that the text
              is safe.
            </p>
          )}
          {injection.layers.classifier.available ? (
            <ScoreBar label="Learned network on the wording alone (hashed n-grams)" value={injection.layers.classifier.probability ?? 0} />
          ) : (
            <p className="text-sm text-slate-600">Learned layer unavailable: {injection.layers.classifier.reason}</p>
          )}
          <ScoreBar
            label={`Combined, judged as ${injection.mode === "document" ? "document text" : "a prompt"} (flagged at ${(injection.threshold * 100).toFixed(0)}%)`}
            value={injection.probability}
            tone={injection.flagged ? "bad" : "good"}
          />
          {injection.families.length > 0 && (
            <ul className="grid gap-2 sm:grid-cols-2" aria-label="Attack families">
              {injection.families.map((f) => (
                <li key={f.family}>
                  <ScoreBar label={f.family} value={f.score} tone="bad" />
                </li>
              ))}
            </ul>
          )}
          {injection.normalization.changed && (
            <p className="text-sm text-slate-600">
              Normalised before scoring:{" "}
              <span className="font-mono">
                {JSON.stringify(Object.fromEntries(Object.entries(injection.normalization.obfuscation).filter(([, v]) => v > 0)))}
              </span>
            </p>
          )}
          {injection.normalization.decoded.map((d, i) => (
            <p key={i} className="text-sm text-slate-700">
              Decoded {d.encoding}: <span className="font-mono">{d.text}</span>
            </p>
          ))}
        </Card>
      )}

      {injection?.explanation && (
        <Card className="space-y-2" data-testid="injection-explanation">
          <CardTitle>Why the prompt was flagged</CardTitle>
          {injection.explanation.network.length > 0 ? (
            <>
              <p className="text-sm text-slate-600">Words the network leaned on: leaving each span out lowers its score by the amount shown (logit units).</p>
              <ul className="divide-y divide-slate-100 text-sm" aria-label="Network spans">
                {injection.explanation.network.map((s) => (
                  <li key={`${s.start}-${s.end}`} className="flex flex-wrap gap-2 py-1">
                    <span className="font-mono">“{s.excerpt}”</span>
                    <span className="text-xs text-slate-500">
                      −{s.logit_drop.toFixed(2)} (chars {s.start}–{s.end})
                    </span>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="text-sm text-slate-600">No single span moves the network's score: the signatures below decided.</p>
          )}
          {injection.explanation.signatures.length > 0 && (
            <p className="text-sm text-slate-700">
              Signatures: {injection.explanation.signatures.map((s) => `${s.signature} (${s.family}) “${s.excerpt}”`).join("; ")}
            </p>
          )}
        </Card>
      )}

      {prompt !== undefined && marks.length > 0 && (
        <Card className="space-y-2">
          <CardTitle>Evidence in the prompt</CardTitle>
          <HighlightedText text={prompt} marks={marks} />
        </Card>
      )}

      {checks.image_text?.available && checks.image_text.text && (
        <Card className="space-y-2">
          <CardTitle>Text read from the image</CardTitle>
          <HighlightedText
            text={checks.image_text.text}
            marks={result.evidence
              .filter((e) => e.source === "image_text" && e.found_in !== "structure")
              .map((e) => ({ start: e.start, end: e.end, label: e.category, tone: e.category.startsWith("pii") ? "pii" : "attack" }))}
          />
          {imageInjection && <p className="text-sm text-slate-700">Injection probability of this text: {(imageInjection.probability * 100).toFixed(1)}%</p>}
        </Card>
      )}

      {result.evidence.length > 0 && (
        <Card className="space-y-2">
          <CardTitle>Evidence ({result.evidence.length})</CardTitle>
          <ul className="divide-y divide-slate-100 text-sm" data-testid="evidence-list">
            {result.evidence.map((e, i) => (
              <li key={i} className="flex flex-wrap gap-2 py-2">
                <Badge tone={e.check === "pii" ? "warn" : "bad"}>{e.category}</Badge>
                {e.signature && <span className="font-mono text-xs text-slate-500">{e.signature}</span>}
                <span className="font-mono">“{e.excerpt}”</span>
                {e.detail && <span className="text-slate-600">— {e.detail}</span>}
                <span className="text-xs text-slate-500">
                  ({e.source}, chars {e.start}–{e.end}, found in {e.found_in})
                </span>
              </li>
            ))}
          </ul>
        </Card>
      )}

      <p className="text-xs text-slate-500">
        Timings (ms):{" "}
        {Object.entries(result.timings)
          .map(([k, v]) => `${k.replace(/_ms$/, "")} ${v}`)
          .join(" · ")}
      </p>
    </div>
  );
}
