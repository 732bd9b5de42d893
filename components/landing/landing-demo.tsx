import { headers } from "next/headers";
import Link from "next/link";
import { connection } from "next/server";
import { clientAddressOf } from "@/lib/auth/client-address";
import { countObjects } from "@/lib/analyze/image-text/compose-analysis";
import { getLandingDemo } from "@/lib/instance/landing-demo";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";

/**
 * The landing page's live demo, rendered on the server under Suspense: the page shell streams at
 * once and this part follows when the models have answered (at once from the kept answer after the
 * first visit of a model version).
 */

const percent = (value: number) => `${Math.round(value * 100)}%`;

export async function LandingDemo() {
  await connection();
  const clientAddress = clientAddressOf(new Request("http://localhost/", { headers: await headers() }));
  const demo = await getLandingDemo({ clientAddress });
  if (!demo.available) {
    return (
      <Card data-testid="demo-unavailable">
        <p className="text-sm text-slate-700">The live demo is not available: {demo.reason}</p>
        <TryYourOwn />
      </Card>
    );
  }
  const { analysis } = demo.image;
  const labels = analysis.labels?.available ? analysis.labels.top.slice(0, 3) : [];
  const objects = analysis.objects?.available ? countObjects(analysis.objects.items) : [];
  const injection = demo.prompt.safety.checks.prompt_injection;
  return (
    <div className="space-y-4" data-testid="landing-demo">
      <div className="grid gap-4 lg:grid-cols-2">
        <Card className="space-y-3">
          <div className="flex gap-4">
            {/* The exact bytes the models read, inlined (10 KB), so the picture and the answer cannot differ. */}
            <img
              src={demo.image.dataUrl}
              alt="Sample photo: a tabby cat lying down, looking at the camera"
              width={160}
              height={107}
              className="h-auto w-40 rounded-md"
            />
            <div className="min-w-0 space-y-1 text-sm">
              <p className="text-slate-500">Caption checked</p>
              <p className="font-medium text-slate-900">“{demo.image.caption}”</p>
              {analysis.relation && (
                <p data-testid="demo-caption-verdict">
                  <Badge tone={analysis.relation.verdict === "supported" ? "good" : analysis.relation.verdict === "not_supported" ? "bad" : "warn"}>
                    {analysis.relation.verdict.replaceAll("_", " ")}
                  </Badge>
                </p>
              )}
            </div>
          </div>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="text-slate-500">Labels</dt>
            <dd data-testid="demo-labels">{labels.map((l) => `${l.label} ${percent(l.probability)}`).join(" · ") || "none"}</dd>
            <dt className="text-slate-500">Objects</dt>
            <dd data-testid="demo-objects">{objects.map((o) => `${o.count} × ${o.label} ${percent(o.best)}`).join(" · ") || "none found"}</dd>
            <dt className="text-slate-500">Confidence</dt>
            <dd>{analysis.confidence === null ? "—" : percent(analysis.confidence)}</dd>
          </dl>
          <p className="text-sm text-slate-700" data-testid="demo-analysis">
            {analysis.analysis}
          </p>
        </Card>
        <Card className="space-y-3">
          <p className="text-sm text-slate-500">Prompt checked for injection</p>
          <p className="rounded-md bg-slate-50 p-3 font-mono text-sm text-slate-900">{demo.prompt.text}</p>
          <p className="flex flex-wrap items-center gap-2 text-sm" data-testid="demo-prompt-verdict">
            <Badge tone={demo.prompt.safety.verdict === "safe" ? "good" : "bad"}>{demo.prompt.safety.verdict}</Badge>
            <span>safety score {demo.prompt.safety.safety_score.toFixed(2)}</span>
            {injection && <span>· injection probability {percent(injection.probability)}</span>}
          </p>
          {demo.prompt.safety.categories.length > 0 && (
            <p className="text-sm text-slate-600" data-testid="demo-prompt-categories">
              {demo.prompt.safety.categories.join(", ")}
            </p>
          )}
        </Card>
      </div>
      <p className="text-xs text-slate-500">
        Answered by the models on this server ({demo.modelVersions}) at {demo.computedAt.slice(0, 16).replace("T", " ")} UTC, and kept until a model changes.
      </p>
      <TryYourOwn />
    </div>
  );
}

function TryYourOwn() {
  return (
    <p className="flex flex-wrap gap-4 text-sm">
      <Link href="/analyze" className="font-semibold text-brand-700 underline">
        Try your own image →
      </Link>
      <Link href="/safety" className="font-semibold text-brand-700 underline">
        Check your own prompt →
      </Link>
    </p>
  );
}

export function LandingDemoPlaceholder() {
  return (
    <Card aria-busy="true" data-testid="demo-loading">
      <p className="text-sm text-slate-600">The models are answering the sample photo and prompt…</p>
    </Card>
  );
}
