CREATE TABLE "benchmark_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"model_id" text NOT NULL,
	"family" text NOT NULL,
	"variant" text NOT NULL,
	"task" text NOT NULL,
	"performance" jsonb NOT NULL,
	"accuracy" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "benchmark_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trigger" text NOT NULL,
	"status" text NOT NULL,
	"machine" jsonb NOT NULL,
	"config" jsonb NOT NULL,
	"error" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "evaluation_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"title" text NOT NULL,
	"owner_id" text,
	"progress" real DEFAULT 0 NOT NULL,
	"summary" jsonb,
	"details" jsonb,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "model_variants" (
	"id" text PRIMARY KEY NOT NULL,
	"family" text NOT NULL,
	"parent_id" text NOT NULL,
	"variant" text NOT NULL,
	"recipe" jsonb NOT NULL,
	"file_name" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"agreement" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "benchmark_results" ADD CONSTRAINT "benchmark_results_run_id_benchmark_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."benchmark_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "benchmark_results_run_idx" ON "benchmark_results" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "benchmark_results_model_idx" ON "benchmark_results" USING btree ("model_id");--> statement-breakpoint
CREATE INDEX "evaluation_reports_kind_idx" ON "evaluation_reports" USING btree ("kind","created_at");