import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Not found" };

/**
 * A console page whose subject is not there (`notFound()` in a page of this group), shown with the
 * sidebar so the user can carry on. The usual causes are a deletion and a sandbox switch.
 */
export default function ConsoleNotFound() {
  return (
    <>
      <PageHeader
        title="Not found"
        description="Nothing by this id in the current sandbox: the connection, run or webhook endpoint may have been deleted, or it belongs to another sandbox (switch at the top of the page)."
      />
      <p className="text-sm">
        <Link prefetch={false} href="/connections" className="text-blue-800 underline">
          Back to Connections
        </Link>
      </p>
    </>
  );
}
