"use client";

import { useQuery } from "@tanstack/react-query";
import type { UsageReportView } from "../usage/schemas";
import { browserApi as api, unwrap } from "./api";
import type { ProblemLike } from "./problem";

/** Usage figures: the caller's own (`/api/v1/usage`) or, for admins, everyone's (`/api/v1/usage/all`). */
export function useUsage(scope: "own" | "all", days: number) {
  const query = { params: { query: { days } } };
  return useQuery<UsageReportView, ProblemLike>({
    queryKey: ["usage", scope, days],
    queryFn: () => unwrap(scope === "own" ? api.GET("/api/v1/usage", query) : api.GET("/api/v1/usage/all", query)),
  });
}
