"use client";

import { Button } from "./button";

export function DownloadButton({ text, filename, mimeType = "application/json", label = "Download" }: { text: string; filename: string; mimeType?: string; label?: string }) {
  return (
    <Button
      variant="secondary"
      onClick={() => {
        const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
        const link = document.createElement("a");
        link.href = url;
        link.download = filename;
        link.click();
        URL.revokeObjectURL(url);
      }}
    >
      {label}
    </Button>
  );
}
