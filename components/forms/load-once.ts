// A module loaded on first use (a form's checks or resolver), shared by every caller that asks
// while it loads. A failed load (a network blip) is forgotten, so the next call tries again
// instead of failing forever.
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () =>
    (loaded ??= load().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    }));
}
