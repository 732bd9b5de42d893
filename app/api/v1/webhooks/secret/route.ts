// GET /api/v1/webhooks/secret - the account's webhook signing secret (Standard Webhooks whsec_…); POST - rotate it
import { z } from "zod";
import { ownerIdOf } from "@/lib/auth/principal";
import { getDb } from "@/lib/db/client";
import { jsonResponse, withApi } from "@/lib/http/with-api";
import { getWebhookSecret, rotateWebhookSecret } from "@/lib/jobs/webhooks/webhook-secrets";

export const dynamic = "force-dynamic";

const secretSchema = z.object({ secret: z.string().startsWith("whsec_"), scheme: z.literal("standard-webhooks-v1") });

export const GET = withApi({ route: "GET /api/v1/webhooks/secret", auth: "user", scope: "batch" }, async (_request, { principal }) =>
  jsonResponse(secretSchema.parse({ secret: await getWebhookSecret({ db: await getDb(), userId: ownerIdOf(principal) }), scheme: "standard-webhooks-v1" })),
);

// Rotating changes what every receiver must check against, so it takes the browser session, not a key.
export const POST = withApi({ route: "POST /api/v1/webhooks/secret", auth: "session" }, async (_request, { principal }) =>
  jsonResponse(secretSchema.parse({ secret: await rotateWebhookSecret({ db: await getDb(), userId: ownerIdOf(principal) }), scheme: "standard-webhooks-v1" })),
);
