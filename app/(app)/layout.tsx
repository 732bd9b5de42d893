import type { ReactNode } from "react";
import { QueryProvider } from "@/components/query-provider";

// The interactive parts: the tools (a guest session is enough) and the account pages (keys, usage,
// history, admin), all fetching through react-query.
export default function AppLayout({ children }: { children: ReactNode }) {
  return <QueryProvider>{children}</QueryProvider>;
}
