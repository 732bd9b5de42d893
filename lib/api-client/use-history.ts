"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { requestJson, sendJson, type ProblemLike } from "./request-json";

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
  return useQuery<{ analyses: HistoryItem[] }, ProblemLike>({ queryKey: historyKey, queryFn: () => requestJson("/api/v1/history?limit=100") });
}

export function useHistoryEntry(id: string | null) {
  return useQuery<HistoryEntry, ProblemLike>({ queryKey: [...historyKey, id], queryFn: () => requestJson(`/api/v1/history/${id}`), enabled: id !== null });
}

export function useDeleteHistoryEntry() {
  const client = useQueryClient();
  return useMutation<void, ProblemLike, string>({
    mutationFn: (id) => sendJson(`/api/v1/history/${id}`, "DELETE"),
    onSuccess: () => client.invalidateQueries({ queryKey: historyKey }),
  });
}
