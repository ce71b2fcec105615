/** Only same-site paths: never bounce a signed-in user to another origin. */
export function safeCallback(url: string | null): string {
  return url && url.startsWith("/") && !url.startsWith("//") ? url : "/connections";
}
