// Repeated measurements of several targets taken in rounds (each target once per round, in the
// same order every round) instead of target after target: a machine that slows down or speeds up
// during the minutes of a measurement then weighs on every target alike, so their medians compare.
// A target whose measurement throws is dropped from the later rounds and reported with its error;
// the others go on, unless it is the one every other is compared with (`stopOnFailureOf`): then
// nothing measured afterwards could be used, and the rounds stop there.

export type RoundsResult<T> = { runs: Map<string, T[]>; failed: Map<string, string> };

export async function measureInRounds<T>(rounds: number, targets: string[], measure: (target: string, round: number) => Promise<T>, options: { stopOnFailureOf?: string } = {}): Promise<RoundsResult<T>> {
  const runs = new Map(targets.map((target) => [target, [] as T[]]));
  const failed = new Map<string, string>();
  for (let round = 0; round < rounds; round++) {
    for (const target of targets) {
      if (failed.has(target)) continue;
      try {
        runs.get(target)!.push(await measure(target, round));
      } catch (error) {
        failed.set(target, error instanceof Error ? error.message : String(error));
        runs.delete(target);
        if (target === options.stopOnFailureOf) return { runs, failed };
      }
    }
  }
  return { runs, failed };
}
