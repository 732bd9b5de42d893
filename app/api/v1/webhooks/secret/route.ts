// GET /api/v1/webhooks/secret - the account's webhook signing secret (Standard Webhooks whsec_…); POST - rotate it
import * as api from "@/lib/api-contract/jobs";
import { ownerIdOf } from "@/lib/auth/principal";
import { jsonResponse, withApi } from "@/lib/http/with-api";
import { getWebhookSecret, rotateWebhookSecret, webhookSecretSchema } from "@/lib/jobs/webhooks/webhook-secrets";

export const dynamic = "force-dynamic";

export const GET = withApi(api.getWebhookSecret, async (_request, { principal, database }) =>
  jsonResponse(
    webhookSecretSchema.parse({ secret: await getWebhookSecret({ db: await database(), userId: ownerIdOf(principal) }), scheme: "standard-webhooks-v1" }),
  ),
);

// Rotating changes what every receiver must check against, so it takes the browser session, not a key.
export const POST = withApi(api.rotateWebhookSecret, async (_request, { principal, database }) =>
  jsonResponse(
    webhookSecretSchema.parse({ secret: await rotateWebhookSecret({ db: await database(), userId: ownerIdOf(principal) }), scheme: "standard-webhooks-v1" }),
  ),
);
