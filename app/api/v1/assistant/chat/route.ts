// POST /api/v1/assistant/chat - one assistant turn, streamed: the model's answer, its tool calls and their results
import * as api from "@/lib/api-contract/assistant";
import { runAssistantTurn } from "@/lib/assistant/run-assistant-turn";
import { withApi } from "@/lib/http/with-api";

export const POST = withApi(api.assistantChat, (_request, context) => runAssistantTurn({ body: context.input.body, context }));
