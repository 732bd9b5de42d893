// POST /api/v1/auth/signup - create an account ({email, password, name}); a guest signing up keeps their work
import { signUp, signUpRequestSchema } from "@/lib/auth/sign-up";
import { accountViewSchema, toAccountView } from "@/lib/auth/account-view";
import { getDb } from "@/lib/db/client";
import { readJsonBody } from "@/lib/http/read-request-body";
import { jsonResponse, withApi } from "@/lib/http/with-api";

export const POST = withApi({ route: "POST /api/v1/auth/signup", auth: "public" }, async (request, { principal }) => {
  const body = signUpRequestSchema.parse(await readJsonBody(request, 8 * 1024));
  const guestId = principal.kind === "session" && principal.user.role === "guest" ? principal.user.id : undefined;
  const user = await signUp({ db: await getDb(), request: body, guestId });
  return jsonResponse(accountViewSchema.parse(toAccountView(user)), { status: 201 });
});
