import Link from "next/link";
import { Suspense } from "react";
import { LandingDemo, LandingDemoPlaceholder } from "@/components/landing/landing-demo";
import { navItems } from "@/components/nav-items";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";

export default function LandingPage() {
  return (
    <div className="space-y-10">
      <section className="max-w-3xl space-y-4">
        <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl" data-testid="landing-title">
          Multimodal machine learning, served over HTTP and measured honestly
        </h1>
        <p className="text-lg text-slate-600">
          Insight Engine runs real models on this server — an ImageNet classifier, a COCO object detector, PaddleOCR, language identification and a layered
          prompt-injection detector — behind a REST API with problem+json errors, health checks and a public benchmark dashboard comparing full-precision,
          quantized and pruned variants.
        </p>
        <p className="text-sm text-slate-500">
          Service status:{" "}
          <Link className="text-brand-600 underline" href="/api/health">
            /api/health
          </Link>{" "}
          ·{" "}
          <Link className="text-brand-600 underline" href="/api/ready">
            /api/ready
          </Link>
        </p>
      </section>
      <section aria-labelledby="demo" className="space-y-4">
        <h2 id="demo" className="text-xl font-semibold">
          Live: a sample photo and a sample prompt, answered by the models now
        </h2>
        <Suspense fallback={<LandingDemoPlaceholder />}>
          <LandingDemo />
        </Suspense>
      </section>
      <section aria-labelledby="parts" className="space-y-4">
        <h2 id="parts" className="text-xl font-semibold">
          What it does
        </h2>
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {navItems.map((item) => (
            <li key={item.href}>
              <Card className="h-full">
                <div className="flex items-center justify-between gap-2">
                  {item.available ? (
                    <Link href={item.href} className="font-semibold text-brand-700 hover:underline">
                      {item.label}
                    </Link>
                  ) : (
                    <span className="font-semibold text-slate-700">{item.label}</span>
                  )}
                  {!item.available && <Badge>coming</Badge>}
                </div>
                <p className="mt-2 text-sm text-slate-600">{item.summary}</p>
              </Card>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
