// Debian's Chromium for the bench; BENCH_CHROMIUM overrides the path.
import { CHROMIUM_ARGS } from "../scripts/chromium";

export const CHROMIUM_PATH = process.env.BENCH_CHROMIUM ?? "/usr/bin/chromium";
export const CHROMIUM_FLAGS = CHROMIUM_ARGS;
