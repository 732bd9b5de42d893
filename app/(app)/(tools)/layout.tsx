import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { currentUser } from "@/lib/auth/current-user";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";

// The tools work for everyone: a visitor without a valid session (say, a guest whose time ran out)
// is sent for a fresh guest session and comes back to the same page.
export default async function ToolsLayout({ children }: { children: ReactNode }) {
  if (!(await currentUser())) {
    const path = safeRedirectPath((await headers()).get("x-insight-path"), "/analyze");
    redirect(`/api/auth/guest?redirectUrl=${encodeURIComponent(path)}`);
  }
  return children;
}
