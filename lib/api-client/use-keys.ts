"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { KeyView } from "../auth/api-keys/schemas";
import { browserApi as api, unwrap } from "./api";
import type { paths } from "./api-types";
import type { ProblemLike } from "./problem";

/** The signed-in user's API keys: list, create (the answer carries the key, once), rename, revoke. */

const keysKey = ["api-keys"] as const;

export type CreateKeyBody = NonNullable<paths["/api/v1/keys"]["post"]["requestBody"]>["content"]["application/json"];

export function useKeys() {
  return useQuery<{ keys: KeyView[] }, ProblemLike>({ queryKey: keysKey, queryFn: () => unwrap(api.GET("/api/v1/keys")) });
}

export function useCreateKey() {
  const client = useQueryClient();
  return useMutation<KeyView & { key: string }, ProblemLike, CreateKeyBody>({
    mutationFn: (body) => unwrap(api.POST("/api/v1/keys", { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: keysKey }),
  });
}

export function useRenameKey() {
  const client = useQueryClient();
  return useMutation<KeyView, ProblemLike, { id: string; name: string }>({
    mutationFn: ({ id, name }) => unwrap(api.PATCH("/api/v1/keys/{id}", { params: { path: { id } }, body: { name } })),
    onSuccess: () => client.invalidateQueries({ queryKey: keysKey }),
  });
}

export function useRevokeKey() {
  const client = useQueryClient();
  return useMutation<KeyView, ProblemLike, string>({
    mutationFn: (id) => unwrap(api.DELETE("/api/v1/keys/{id}", { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: keysKey }),
  });
}
