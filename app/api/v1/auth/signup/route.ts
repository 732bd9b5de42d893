// POST /api/v1/auth/signup - create an account ({email, password, name}); a guest signing up keeps their work
import * as api from "@/lib/api-contract/accounts";
import { accountViewSchema, toAccountView } from "@/lib/auth/account-view";
import { signUp } from "@/lib/auth/sign-up";
import { jsonResponse, withApi } from "@/lib/http/with-api";

export const POST = withApi(api.signUp, async (_request, { principal, input, database }) => {
  const guestId = principal.kind === "session" && principal.user.role === "guest" ? principal.user.id : undefined;
  const user = await signUp({ db: await database(), request: input.body, guestId });
  return jsonResponse(accountViewSchema.parse(toAccountView(user)), { status: 201 });
});
