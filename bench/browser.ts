// Debian's Chromium, never a downloaded browser, with flags that keep it off the network.
export const CHROMIUM_PATH = process.env.BENCH_CHROMIUM ?? "/usr/bin/chromium";

export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
