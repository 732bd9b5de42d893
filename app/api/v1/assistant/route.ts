// GET /api/v1/assistant - whether the assistant has a language model here (or how to enable it), and its tools
import * as api from "@/lib/api-contract/assistant";
import { assistantStatus } from "@/lib/assistant/assistant-config";
import { ASSISTANT_TOOL_NAMES, assistantStatusSchema } from "@/lib/assistant/schemas";
import { jsonResponse, withApi } from "@/lib/http/with-api";

export const dynamic = "force-dynamic";

export const GET = withApi(api.getAssistantStatus, async () =>
  jsonResponse(assistantStatusSchema.parse({ ...assistantStatus(), tools: [...ASSISTANT_TOOL_NAMES] })),
);
