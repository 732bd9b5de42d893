"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { browserApi as api, unwrap } from "./api";
import type { ProblemLike } from "./problem";

/** The caller's stored analyses. */

export interface HistoryItem {
  id: string;
  kind: string;
  title: string;
  created_at: string;
  result_bytes: number;
  has_image: boolean;
}

export interface HistoryEntry extends HistoryItem {
  request: Record<string, unknown>;
  result: unknown;
}

const historyKey = ["history"] as const;

export function useHistory() {
  return useQuery<{ analyses: HistoryItem[] }, ProblemLike>({
    queryKey: historyKey,
    queryFn: () => unwrap(api.GET("/api/v1/history", { params: { query: { limit: 100 } } })),
  });
}

export function useHistoryEntry(id: string | null) {
  return useQuery<HistoryEntry, ProblemLike>({
    queryKey: [...historyKey, id],
    queryFn: () => unwrap(api.GET("/api/v1/history/{id}", { params: { path: { id: id! } } })),
    enabled: id !== null,
  });
}

export function useDeleteHistoryEntry() {
  const client = useQueryClient();
  return useMutation<void, ProblemLike, string>({
    mutationFn: async (id) => {
      await unwrap(api.DELETE("/api/v1/history/{id}", { params: { path: { id } } }));
    },
    onSuccess: () => client.invalidateQueries({ queryKey: historyKey }),
  });
}
