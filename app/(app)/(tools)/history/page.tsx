import type { Metadata } from "next";
import { HistoryList } from "@/components/account/history-list";

export const metadata: Metadata = { title: "History" };

export default function HistoryPage() {
  return (
    <div className="space-y-6">
      <header className="max-w-3xl space-y-2">
        <h1 className="text-2xl font-semibold">History</h1>
        <p className="text-slate-600">
          Your last 200 analyses, from these pages and from your API keys. Only the answers are kept; an image is kept too when you upload it with{" "}
          <code>keep_image</code>. Guests&apos; history is deleted after a day unless they sign up.
        </p>
      </header>
      <HistoryList />
    </div>
  );
}
