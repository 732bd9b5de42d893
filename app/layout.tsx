import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/site-header";
import { currentUser } from "@/lib/auth/current-user";
import { signOutAction } from "./(auth)/actions";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Insight Engine", template: "%s · Insight Engine" },
  description: "Multimodal machine learning over HTTP: image understanding, OCR, language identification and safety checks, with measured benchmarks.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <SiteHeader user={await currentUser()} signOut={signOutAction} />
        <main className="mx-auto w-full max-w-6xl px-4 py-8 sm:px-6">{children}</main>
        <footer className="mx-auto max-w-6xl px-4 pb-10 pt-4 text-sm text-slate-500 sm:px-6">
          Insight Engine — real models, real database, measured numbers.
        </footer>
      </body>
    </html>
  );
}
