import type { Metadata } from "next";
import type { ReactNode } from "react";
import { clientEnv } from "@/lib/env.client";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: clientEnv.NEXT_PUBLIC_APP_NAME, template: `%s · ${clientEnv.NEXT_PUBLIC_APP_NAME}` },
  description: "Connect Amazon S3 buckets to Adobe Experience Platform and keep their credentials fresh.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
