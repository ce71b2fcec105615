// When a failed automatic rotation is tried again on its own: soon enough to beat the expiry,
// not so often that a broken role floods STS and Flow Service.
const MINUTE = 60_000;

export function failedRetryAt(expiresAt: Date | null, now: Date): Date {
  const left = expiresAt ? expiresAt.getTime() - now.getTime() : 0;
  // A quarter of the time left, between one and fifteen minutes.
  const wait = Math.min(15 * MINUTE, Math.max(MINUTE, left / 4));
  return new Date(now.getTime() + wait);
}
