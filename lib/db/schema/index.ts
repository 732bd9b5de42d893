/**
 * The one database schema, shared by the embedded PGlite default and PostgreSQL, split by meaning:
 * models and reports, accounts and keys, usage and limits, stored analyses. Migrations are generated
 * from it by drizzle-kit into drizzle/ (never hand-edited).
 */
export * from "./models-and-reports";
export * from "./accounts";
export * from "./usage";
export * from "./analyses";
export * from "./jobs";
