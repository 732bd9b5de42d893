import type { ReactNode } from "react";
import { QueryProvider } from "@/components/query-provider";

// The interactive tools (analyze, documents, languages, safety). Accounts arrive with a later issue;
// until then these pages are open, and this layout is where the sign-in requirement will go.
export default function AppLayout({ children }: { children: ReactNode }) {
  return <QueryProvider>{children}</QueryProvider>;
}
