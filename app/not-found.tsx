import type { Metadata } from "next";

export const metadata: Metadata = { title: "Page not found" };

/**
 * An address the console does not have. A plain link back, not next/link: this page stays the
 * framework's own weight (the bench measures pages against it, see bench/README.md, #5 and #6).
 */
export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-6 py-24">
      <h1 className="text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="mt-2 text-sm text-slate-600">The console has no page at this address.</p>
      <p className="mt-6 text-sm">
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- see the comment above */}
        <a href="/connections" className="text-blue-800 underline">
          Go to Connections
        </a>
      </p>
    </main>
  );
}
