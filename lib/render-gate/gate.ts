// A first-come, first-served gate: at most `limit` holders at once, the others wait in arrival
// order, each for at most `maxWaitMs`. It knows nothing of HTTP; install.ts puts page requests
// through it.
//
// Why page renders need one: a render is CPU work on the process's one JavaScript thread, so 50
// renders started together finish no sooner than 50 started one after another, but all 50 keep
// their objects alive until they end. Those outlive the young generation's collections, are
// promoted, and the old generation grows to hold them until a full collection (bench #7; the
// figures are in bench/HISTORY.md, "Page renders through a gate").
//
// Hand-written rather than p-limit or p-queue: a waiter must leave the line when its client hangs
// up and give up after a deadline. p-limit has neither; p-queue's timeout bounds a task's run, not
// its wait, and its abort signal costs an AbortController and a promise per request.

export type GateStats = { limit: number; inFlight: number; waiting: number };

/** A place at the gate: `done()` leaves the line while waiting, frees the place once admitted. */
export type Ticket = { done(): void };

export type RenderGate = {
  /**
   * Takes a place. `admit(waitedMs, ticket)` runs when the holder may go, at once when a place is
   * free (before `enter` returns, hence the ticket passed to it); `expire()` runs instead after
   * `maxWaitMs` in line. The caller calls `done()` when the work ends or is abandoned; only the
   * first call counts.
   */
  enter(admit: (waitedMs: number, ticket: Ticket) => void, expire: () => void): Ticket;
  stats(): GateStats;
};

// One record per holder, admitted at once or after a wait: its state decides what `done()` undoes.
type Place = {
  state: "waiting" | "admitted" | "finished";
  since: number;
  admit(waitedMs: number): void;
  /** The deadline, for a place that had to wait. */
  timer?: NodeJS.Timeout;
};

export function createRenderGate(options: { limit: number; maxWaitMs: number; now?: () => number }): RenderGate {
  const { limit, maxWaitMs } = options;
  const now = options.now ?? (() => performance.now());
  let inFlight = 0;
  // A Set keeps arrival order and lets a waiter who hangs up leave from the middle in O(1).
  const line = new Set<Place>();

  function admit(place: Place, waitedMs: number): void {
    place.state = "admitted";
    inFlight++;
    place.admit(waitedMs);
  }

  function admitNext(): void {
    while (inFlight < limit) {
      const next = line.values().next();
      if (next.done) return;
      line.delete(next.value);
      clearTimeout(next.value.timer);
      admit(next.value, now() - next.value.since);
    }
  }

  function done(place: Place): void {
    if (place.state === "waiting") {
      line.delete(place);
      clearTimeout(place.timer);
    } else if (place.state === "admitted") {
      inFlight--;
      admitNext();
    }
    place.state = "finished";
  }

  return {
    enter(onAdmit, expire) {
      const place: Place = { state: "waiting", since: now(), admit: (waitedMs) => onAdmit(waitedMs, ticket) };
      const ticket: Ticket = { done: () => done(place) };
      // Newcomers never pass the line. A free place with people in line cannot happen (a freed
      // place goes to the line's head at once), so `line.size` only says so to the reader.
      if (inFlight < limit && line.size === 0) {
        admit(place, 0);
        return ticket;
      }
      place.timer = setTimeout(() => {
        line.delete(place);
        place.state = "finished";
        expire();
      }, maxWaitMs);
      // A deadline alone does not keep the process alive: a server that is shutting down (or a
      // test that is done) need not wait 30 s for the line's timers.
      place.timer.unref();
      line.add(place);
      return ticket;
    },
    stats: () => ({ limit, inFlight, waiting: line.size }),
  };
}
