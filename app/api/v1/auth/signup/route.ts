// POST /api/v1/auth/signup - create an account ({email, password, name}); a guest signing up keeps their work
import * as api from "@/lib/api-contract/accounts";
import { clientAddressOf } from "@/lib/auth/client-address";
import { accountViewSchema, toAccountView } from "@/lib/auth/account-view";
import { forgetCachedUser } from "@/lib/auth/principal";
import { signUp } from "@/lib/auth/sign-up";
import { jsonResponse, withApi } from "@/lib/http/with-api";

export const POST = withApi(api.signUp, async (request, { principal, input, database }) => {
  const guestId = principal.kind === "session" && principal.user.role === "guest" ? principal.user.id : undefined;
  const user = await signUp({ db: await database(), request: input.body, guestId, clientAddress: clientAddressOf(request) });
  // The guest's session was revoked by the sign-up: this instance must not answer for it from its cache.
  if (guestId) forgetCachedUser(guestId);
  return jsonResponse(accountViewSchema.parse(toAccountView(user)), { status: 201 });
});
