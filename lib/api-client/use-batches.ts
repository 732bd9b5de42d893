"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { batchSummarySchema, batchViewSchema } from "../batch/batch-view";
import { browserApi as api, unwrap } from "./api";
import type { ProblemLike } from "./problem";

/** Batches: list (refreshing while any runs), one batch's items and deliveries, submit, cancel; the webhook secret. */

export type BatchSummary = z.infer<typeof batchSummarySchema>;
export type BatchView = z.infer<typeof batchViewSchema>;

const batchesKey = ["batches"] as const;
const isLive = (status: string | undefined) => status === "queued" || status === "running";

export function useBatches() {
  return useQuery<{ batches: BatchSummary[] }, ProblemLike>({
    queryKey: batchesKey,
    queryFn: () => unwrap(api.GET("/api/v1/batch")),
    refetchInterval: (query) => (query.state.data?.batches.some((b) => isLive(b.status)) ? 1_500 : false),
  });
}

export function useBatch(id: string | null) {
  return useQuery<BatchView, ProblemLike>({
    queryKey: [...batchesKey, id],
    queryFn: () => unwrap(api.GET("/api/v1/batch/{id}", { params: { path: { id: id! } } })),
    enabled: id !== null,
    // Deliveries go on after the last item, so keep refreshing until they settle too.
    refetchInterval: (query) => (isLive(query.state.data?.status) || query.state.data?.deliveries.some((d) => d.status === "pending") ? 1_500 : false),
  });
}

export function useSubmitBatch() {
  const client = useQueryClient();
  return useMutation<BatchSummary, ProblemLike, FormData>({
    // A multipart form of files: openapi-fetch sends FormData as it is (the browser sets the boundary).
    mutationFn: (form) => unwrap(api.POST("/api/v1/batch/process", { body: form as never })),
    onSuccess: () => client.invalidateQueries({ queryKey: batchesKey }),
  });
}

export function useCancelBatch() {
  const client = useQueryClient();
  return useMutation<BatchView, ProblemLike, string>({
    mutationFn: (id) => unwrap(api.DELETE("/api/v1/batch/{id}", { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: batchesKey }),
  });
}

const secretKey = ["webhook-secret"] as const;

export function useWebhookSecret(enabled: boolean) {
  return useQuery<{ secret: string }, ProblemLike>({ queryKey: secretKey, queryFn: () => unwrap(api.GET("/api/v1/webhooks/secret")), enabled });
}

export function useRotateWebhookSecret() {
  const client = useQueryClient();
  return useMutation<{ secret: string }, ProblemLike>({
    mutationFn: () => unwrap(api.POST("/api/v1/webhooks/secret")),
    onSuccess: (data) => client.setQueryData(secretKey, data),
  });
}
