-- Custom SQL migration file, put your code below! ---- Reports are written as their jobs go, in the job lifecycle's words: "completed" is now "done".
UPDATE "evaluation_reports" SET "status" = 'done' WHERE "status" = 'completed';
