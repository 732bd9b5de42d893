// Every page of the site, for the checks that visit them all (accessibility, page budgets): one list, so a new
// page is added to both.
export const SITE_PAGES = [
  "/",
  "/analyze",
  "/documents",
  "/languages",
  "/safety",
  "/assistant",
  "/batch",
  "/history",
  "/keys",
  "/usage",
  "/admin",
  "/docs",
  "/benchmarks",
  "/signin",
  "/signup",
];
