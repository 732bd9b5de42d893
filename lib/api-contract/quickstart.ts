/**
 * From nothing to an API key with curl: the README's quickstart block, shown on /docs. A test checks
 * that the README says the same, and e2e/accounts.spec.ts runs the README's block as written.
 */
export const QUICKSTART_SCRIPT = `BASE=\${BASE:-http://localhost:3000}
# 1. Create an account (every account starts as a user; the operator makes an admin with: npm run admin -- --email …).
curl -s -X POST "$BASE/api/v1/auth/signup" -H 'content-type: application/json' \\
  -d '{"email":"you@example.com","password":"a long passphrase","name":"You"}'
# 2. Sign in through next-auth's credentials callback with its CSRF token; the session cookie goes into jar.txt.
CSRF=$(curl -s -c jar.txt "$BASE/api/auth/csrf" | node -pe 'JSON.parse(require("fs").readFileSync(0)).csrfToken')
curl -s -b jar.txt -c jar.txt -o /dev/null -X POST "$BASE/api/auth/callback/credentials" \\
  --data-urlencode "csrfToken=$CSRF" --data-urlencode 'email=you@example.com' --data-urlencode 'password=a long passphrase'
# 3. Create an API key with that session: the answer (201) carries the key, shown this once.
KEY=$(curl -s -b jar.txt -X POST "$BASE/api/v1/keys" -H 'content-type: application/json' \\
  -d '{"name":"my script","scopes":["analyze","safety"]}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).key')
# 4. Call the API with the key.
curl -s "$BASE/api/v1/analyze/multilingual" -H "Authorization: Bearer $KEY" -H 'content-type: application/json' \\
  -d '{"content":"Guten Morgen! How are you?"}'
`;
