// ANY /api/* - every API path no route claims answers 404 problem+json rather than an HTML page
import * as api from "@/lib/api-contract/instance";
import { ApiError } from "@/lib/errors";
import { withApi } from "@/lib/http/with-api";

export const dynamic = "force-dynamic";

const unknownRoute = withApi(api.unknownApiRoute, (request) => {
  throw new ApiError("not_found", `No API route ${request.method} ${new URL(request.url).pathname}. See /docs for the API.`);
});

export const GET = unknownRoute;
export const POST = unknownRoute;
export const PUT = unknownRoute;
export const PATCH = unknownRoute;
export const DELETE = unknownRoute;
