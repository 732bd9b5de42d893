import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-slate-600">That address does not exist here.</p>
      <Link href="/" className="mt-6 inline-block text-brand-600 underline">
        Back to the start page
      </Link>
    </div>
  );
}
