"use client";

import { useQuery } from "@tanstack/react-query";
import type { UsageReportView } from "../usage/schemas";
import { requestJson, type ProblemLike } from "./request-json";

/** Usage figures: the caller's own (`/api/v1/usage`) or, for admins, everyone's (`/api/v1/usage/all`). */
export function useUsage(scope: "own" | "all", days: number) {
  const path = scope === "own" ? "/api/v1/usage" : "/api/v1/usage/all";
  return useQuery<UsageReportView, ProblemLike>({ queryKey: ["usage", scope, days], queryFn: () => requestJson(`${path}?days=${days}`) });
}
