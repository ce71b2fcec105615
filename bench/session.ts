// An authenticated HTTP session against the console, as a browser would hold it: next-auth's
// credentials sign-in (csrf token, then the callback with json=true), cookies kept in a jar.

export class Session {
  private readonly jar = new Map<string, string>();

  constructor(readonly origin: string) {}

  /** The Cookie header of this session, optionally with extra cookies (e.g. the sandbox). */
  cookieHeader(extra: Record<string, string> = {}): string {
    const all = new Map(this.jar);
    for (const [name, value] of Object.entries(extra)) all.set(name, value);
    return [...all].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  cookie(name: string): string | undefined {
    return this.jar.get(name);
  }

  private keep(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = ""] = header.split(";");
      const index = pair.indexOf("=");
      if (index <= 0) continue;
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(header) || value === "") this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  async signIn(email: string, password: string): Promise<void> {
    const csrfResponse = await fetch(`${this.origin}/api/auth/csrf`, { headers: { cookie: this.cookieHeader() } });
    if (!csrfResponse.ok) throw new Error(`GET /api/auth/csrf answered ${csrfResponse.status}`);
    this.keep(csrfResponse);
    const { csrfToken } = (await csrfResponse.json()) as { csrfToken?: string };
    if (!csrfToken) throw new Error("GET /api/auth/csrf returned no csrfToken");
    const body = new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: `${this.origin}/connections` });
    const response = await fetch(`${this.origin}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: this.cookieHeader(), origin: this.origin },
      body,
      redirect: "manual",
    });
    this.keep(response);
    await response.arrayBuffer();
    if (!this.sessionToken()) throw new Error(`sign-in as ${email} failed (status ${response.status}, no session cookie)`);
  }

  sessionToken(): string | undefined {
    return this.jar.get("next-auth.session-token") ?? this.jar.get("__Secure-next-auth.session-token");
  }

  /** GET a path with this session; reads the whole body. Returns status, body length and time. */
  async get(path: string, extraCookies: Record<string, string> = {}, headers: Record<string, string> = {}): Promise<{ status: number; bytes: number; ms: number; text: string }> {
    const started = performance.now();
    const response = await fetch(`${this.origin}${path}`, { headers: { ...headers, cookie: this.cookieHeader(extraCookies) }, redirect: "manual" });
    const text = await response.text();
    return { status: response.status, bytes: text.length, ms: performance.now() - started, text };
  }
}
