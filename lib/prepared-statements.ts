// Which statements the query pool prepares by name. PostgreSQL parses and analyses an unnamed
// statement every time it runs; a named one once per connection, and pg then sends only its
// parameters (it remembers per connection which names it has prepared). Prisma's adapter asks for
// a name through its `statementNameGenerator` option and directQuery passes one itself: both draw
// from the one namer of the pool they share, because a name must mean one text on every connection
// it reaches (pg refuses a name reused for another text).
//
// A prepared statement lives in its server backend until the connection closes, and the namer
// keeps the texts it has seen, so both are bounded: a text gets a name the second time it is seen
// (the console's queries repeat on every page and action; a one-off never gets one), only SQL that
// reads or writes rows is named (not BEGIN, COMMIT or SAVEPOINT), a text longer than `maxLength`
// is neither named nor kept (a bulk insert's text grows with its rows, and its parsing is a small
// part of its cost; the console's own queries are 0.2–1.4 thousand characters), and past `limit`
// names every new text runs unnamed, as all did before.

/** SELECT, INSERT, UPDATE, DELETE, or a WITH in front of one of them. */
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;

export type StatementNamer = (text: string) => string | undefined;

export type StatementNamerOptions = {
  /** Most names given; each connection of the pool may hold as many prepared statements. */
  limit?: number;
  /** Longest text named, in characters. */
  maxLength?: number;
  prefix?: string;
  /** Called once, the first time a text would have been named past the limit. */
  onFull?: (limit: number) => void;
};

export function createStatementNamer({ limit = 200, maxLength = 8_192, prefix = "console_", onFull }: StatementNamerOptions = {}): StatementNamer {
  const named = new Map<string, string>();
  let toldFull = false;
  // Texts seen once, forgotten wholesale when full, so that a flood of one-offs stays bounded too.
  let seenOnce = new Set<string>();
  return (text) => {
    const known = named.get(text);
    if (known !== undefined) return known;
    if (text.length > maxLength || !PREPARABLE.test(text)) return undefined;
    if (!seenOnce.has(text)) {
      if (seenOnce.size >= limit * 2) seenOnce = new Set();
      seenOnce.add(text);
      return undefined;
    }
    seenOnce.delete(text);
    if (named.size >= limit) {
      if (!toldFull) onFull?.(limit);
      toldFull = true;
      return undefined;
    }
    const name = `${prefix}${named.size}`;
    named.set(text, name);
    return name;
  };
}
