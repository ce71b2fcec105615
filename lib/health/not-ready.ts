/** A failed readiness check whose message is safe to show anyone who asks (no configuration, no secret). */
export class NotReady extends Error {
  override readonly name = "NotReady";
}
