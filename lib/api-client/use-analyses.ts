"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { AnalysisResult, DocumentResult, MultilingualResult } from "./analysis-types";
import type { ReportView } from "../safety/red-team/report-schema";
import type { SafetyResponse } from "../safety/schemas";
import { browserApi as api, unwrap } from "./api";
import type { ProblemLike } from "./problem";

/**
 * The tool pages' calls: one hook per analysis, on the typed client. Uploads go as multipart (the
 * browser streams the file) except where the page already holds a data URL.
 */

const readAsDataUrl = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });

// openapi-fetch sends a FormData body as it is; the typed body is the JSON form, hence the cast.
const multipart = (fields: Record<string, string | File | undefined>) => {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.set(name, value);
  return form as never;
};

export function useAnalyzeImageText() {
  return useMutation<AnalysisResult, ProblemLike, { file: File; text: string }>({
    mutationFn: async ({ file, text }) => (await unwrap(api.POST("/api/v1/analyze/image-text", { body: multipart({ image: file, text }) }))) as AnalysisResult,
  });
}

export function useAnalyzeDocument() {
  return useMutation<DocumentResult, ProblemLike, { file: File; query?: string }>({
    mutationFn: async ({ file, query }) =>
      (await unwrap(api.POST("/api/v1/analyze/document", { body: multipart({ document_image: file, query }) }))) as DocumentResult,
  });
}

export function useAnalyzeMultilingual() {
  return useMutation<MultilingualResult, ProblemLike, string>({
    mutationFn: async (content) => (await unwrap(api.POST("/api/v1/analyze/multilingual", { body: { content } }))) as MultilingualResult,
  });
}

export function useEvaluateSafety() {
  return useMutation<SafetyResponse, ProblemLike, { prompt?: string; image?: File }>({
    mutationFn: async ({ prompt, image }) => {
      const content_type = prompt && image ? "multimodal" : image ? "image" : "text";
      const body = { content_type, ...(prompt ? { prompt } : {}), ...(image ? { image: await readAsDataUrl(image) } : {}) } as const;
      return (await unwrap(api.POST("/api/v1/evaluate/safety", { body: body as never }))) as SafetyResponse;
    },
  });
}

const redTeamKey = ["red-team-reports"] as const;

export function useRedTeamReports() {
  return useQuery<{ reports: ReportView[] }, ProblemLike>({
    queryKey: redTeamKey,
    queryFn: async () => (await unwrap(api.GET("/api/v1/evaluate/red-team"))) as { reports: ReportView[] },
    refetchInterval: (query) => (query.state.data?.reports.some((r) => r.status === "running" || r.status === "queued") ? 1500 : false),
  });
}

export function useStartRedTeam(onStarted: (report: ReportView) => void) {
  const client = useQueryClient();
  return useMutation<ReportView, ProblemLike>({
    mutationFn: async () => (await unwrap(api.POST("/api/v1/evaluate/red-team", { body: {} }))) as ReportView,
    onSuccess: (report) => {
      onStarted(report);
      void client.invalidateQueries({ queryKey: redTeamKey });
    },
  });
}

export type CompareModelsBody = { image: string; models: ("full_precision" | "quantized" | "pruned")[]; model?: string };

/** One image through every variant of a family; the answer is checked before the page draws it. */
export async function compareModels({ image, models, model }: CompareModelsBody): Promise<unknown> {
  return unwrap(api.POST("/api/v1/compare/models", { body: { input: { image }, models, ...(model ? { model } : {}) } }));
}

export { readAsDataUrl };
