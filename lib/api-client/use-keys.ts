"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { KeyView } from "../api-keys/schemas";
import { requestJson, sendJson, type ProblemLike } from "./request-json";

/** The signed-in user's API keys: list, create (the answer carries the key, once), rename, revoke. */

const keysKey = ["api-keys"] as const;

export function useKeys() {
  return useQuery<{ keys: KeyView[] }, ProblemLike>({ queryKey: keysKey, queryFn: () => requestJson("/api/v1/keys") });
}

export function useCreateKey() {
  const client = useQueryClient();
  return useMutation<KeyView & { key: string }, ProblemLike, { name: string; scopes: string[]; expires_at?: string }>({
    mutationFn: (body) => sendJson("/api/v1/keys", "POST", body),
    onSuccess: () => client.invalidateQueries({ queryKey: keysKey }),
  });
}

export function useRenameKey() {
  const client = useQueryClient();
  return useMutation<KeyView, ProblemLike, { id: string; name: string }>({
    mutationFn: ({ id, name }) => sendJson(`/api/v1/keys/${id}`, "PATCH", { name }),
    onSuccess: () => client.invalidateQueries({ queryKey: keysKey }),
  });
}

export function useRevokeKey() {
  const client = useQueryClient();
  return useMutation<KeyView, ProblemLike, string>({
    mutationFn: (id) => sendJson(`/api/v1/keys/${id}`, "DELETE"),
    onSuccess: () => client.invalidateQueries({ queryKey: keysKey }),
  });
}
