import { accountViewSchema } from "../auth/account-view";
import { signUpRequestSchema } from "../auth/sign-up";
import { createdKeySchema, createKeyRequestSchema, keyListSchema, keyViewSchema, renameKeyRequestSchema } from "../auth/api-keys/schemas";
import { historyEntrySchema, historyListSchema, historyQuerySchema } from "../history/schemas";
import { defineOperation } from "../http/operation";
import { publicUsageSchema, usageQuerySchema, usageReportSchema } from "../usage/schemas";

/** Accounts, API keys, usage and history. */

const SMALL_BODY = () => 8 * 1024;

// Stored analyses hold OCR'd documents and kept images: a key made for safety checks alone must not read them.
// `analyze` keeps working for the keys made before `history` existed (whoever may analyze made the history).
const HISTORY_SCOPES = ["history", "analyze"] as const;

export const signUp = defineOperation({
  operationId: "signUp",
  method: "POST",
  path: "/api/v1/auth/signup",
  tag: "Accounts",
  summary: "Create an account; then sign in through next-auth's credentials callback (see the README's quickstart)",
  description:
    "A guest who signs up keeps their work (not their session: sign in afresh). Every account starts as a user; an operator makes admins with `npm run admin`. Limited per client address.",
  auth: "public",
  scope: null,
  body: { schema: signUpRequestSchema, maxBytes: SMALL_BODY, example: { email: "ada@example.com", password: "correct horse battery staple", name: "Ada" } },
  responses: { 201: { description: "The account", schema: accountViewSchema } },
});

export const createKey = defineOperation({
  operationId: "createKey",
  method: "POST",
  path: "/api/v1/keys",
  tag: "Accounts",
  summary: "Create an API key (the key is in this answer only)",
  auth: "session",
  scope: null,
  body: { schema: createKeyRequestSchema, maxBytes: SMALL_BODY, example: { name: "ci script", scopes: ["analyze", "safety"] } },
  responses: { 201: { description: "The key, shown once", schema: createdKeySchema, headers: { location: "The key's URL" } } },
});

export const listKeys = defineOperation({
  operationId: "listKeys",
  method: "GET",
  path: "/api/v1/keys",
  tag: "Accounts",
  summary: "Your API keys (display form only)",
  auth: "session",
  scope: null,
  responses: { 200: { description: "Keys", schema: keyListSchema } },
});

const keyId = { id: "The key id" };

export const renameKey = defineOperation({
  operationId: "renameKey",
  method: "PATCH",
  path: "/api/v1/keys/{id}",
  tag: "Accounts",
  summary: "Rename a key",
  auth: "session",
  scope: null,
  params: keyId,
  body: { schema: renameKeyRequestSchema, maxBytes: SMALL_BODY, example: { name: "nightly job" } },
  responses: { 200: { description: "The key", schema: keyViewSchema } },
});

export const revokeKey = defineOperation({
  operationId: "revokeKey",
  method: "DELETE",
  path: "/api/v1/keys/{id}",
  tag: "Accounts",
  summary: "Revoke a key (effective on every instance within API_KEY_CACHE_MS)",
  auth: "session",
  scope: null,
  params: keyId,
  responses: { 200: { description: "The revoked key", schema: keyViewSchema } },
});

export const ownUsage = defineOperation({
  operationId: "getUsage",
  method: "GET",
  path: "/api/v1/usage",
  tag: "Usage",
  summary: "Your API usage: requests per day, p50/p95 latency, error rate, by endpoint and key",
  auth: "user",
  scope: null,
  query: usageQuerySchema,
  responses: { 200: { description: "Usage", schema: usageReportSchema } },
});

export const allUsage = defineOperation({
  operationId: "getAllUsage",
  method: "GET",
  path: "/api/v1/usage/all",
  tag: "Usage",
  summary: "Every caller's usage by user, key and endpoint (admin)",
  auth: "user",
  scope: "admin",
  query: usageQuerySchema,
  responses: { 200: { description: "Usage", schema: usageReportSchema } },
});

export const publicUsage = defineOperation({
  operationId: "getPublicUsage",
  method: "GET",
  path: "/api/v1/usage/public",
  tag: "Usage",
  summary: "Instance-wide totals and latency (nothing about who)",
  auth: "public",
  scope: null,
  query: usageQuerySchema,
  responses: { 200: { description: "Totals", schema: publicUsageSchema } },
});

export const listHistory = defineOperation({
  operationId: "listHistory",
  method: "GET",
  path: "/api/v1/history",
  tag: "History",
  summary: "Your recent analyses, newest first (answers only)",
  auth: "key",
  scope: HISTORY_SCOPES,
  query: historyQuerySchema,
  responses: { 200: { description: "Analyses", schema: historyListSchema } },
});

const analysisId = { id: "The analysis id" };

export const getHistoryEntry = defineOperation({
  operationId: "getHistoryEntry",
  method: "GET",
  path: "/api/v1/history/{id}",
  tag: "History",
  summary: "One stored analysis with its request and answer",
  auth: "key",
  scope: HISTORY_SCOPES,
  params: analysisId,
  responses: { 200: { description: "The analysis", schema: historyEntrySchema } },
});

export const deleteHistoryEntry = defineOperation({
  operationId: "deleteHistoryEntry",
  method: "DELETE",
  path: "/api/v1/history/{id}",
  tag: "History",
  summary: "Delete a stored analysis and its image",
  auth: "key",
  scope: HISTORY_SCOPES,
  params: analysisId,
  responses: { 204: { description: "Deleted" } },
});

export const getHistoryImage = defineOperation({
  operationId: "getHistoryImage",
  method: "GET",
  path: "/api/v1/history/{id}/image",
  tag: "History",
  summary: "The image kept with an analysis (only when it was uploaded with keep_image)",
  auth: "key",
  scope: HISTORY_SCOPES,
  params: analysisId,
  responses: { 200: { description: "The image bytes", contentType: "image/*" } },
});

export const accountOperations = [
  signUp,
  createKey,
  listKeys,
  renameKey,
  revokeKey,
  ownUsage,
  allUsage,
  publicUsage,
  listHistory,
  getHistoryEntry,
  deleteHistoryEntry,
  getHistoryImage,
];
