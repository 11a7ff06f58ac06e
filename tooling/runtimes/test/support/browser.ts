/**
 * A browser profile for one app origin, over real HTTP: keeps the app's cookies, follows nothing on
 * its own (each redirect is a step the test looks at), and remembers every body the app sent.
 */
export class Browser {
  readonly jar = new Map<string, string>();
  readonly bodies: string[] = [];

  constructor(readonly origin: string) {}

  /** One request to the app, with the jar's cookies; Set-Cookie is applied as a browser would. */
  async app(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.jar.size > 0) headers.set('cookie', [...this.jar].map(([n, v]) => `${n}=${v}`).join('; '));
    const response = await fetch(new URL(path, this.origin), { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const pair = line.slice(0, line.indexOf(';'));
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      if (/;\s*Max-Age=0(;|$)/i.test(line) || value === '') this.jar.delete(name);
      else this.jar.set(name, value);
    }
    this.bodies.push(await response.clone().text());
    return response;
  }

  async session(): Promise<Record<string, unknown>> {
    return (await this.app('/auth/session')).json() as Promise<Record<string, unknown>>;
  }

  /** Sign in: login → Livepush (the mock approves at once) → callback. Returns where it landed. */
  async signIn(returnTo = '/dashboard'): Promise<URL> {
    const login = await this.app(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
    if (login.status !== 302) throw new Error(`login answered ${login.status}: ${await login.text()}`);
    const approved = await fetch(login.headers.get('location')!, { redirect: 'manual' });
    const callback = new URL(approved.headers.get('location')!);
    if (callback.origin !== this.origin) throw new Error(`Livepush sent the browser to ${callback.origin}`);
    const done = await this.app(callback.pathname + callback.search);
    return new URL(done.headers.get('location') ?? '', this.origin);
  }
}
