const UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/**
 * Durations as registry files write them (`5m`, `1h`, `30d`, `1h30m`, Prometheus style). One parser for the
 * loader's cross-checks, the reconciler's interval and the monitor's windows, so they always agree.
 */

/** Parses a duration like `5m`, `1h`, `30d`, `1h30m` (Prometheus style) into milliseconds. */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g;
  let total = 0;
  let consumed = 0;
  for (const match of trimmed.matchAll(re)) {
    if (match.index !== consumed) break;
    total += Number(match[1]) * UNITS[match[2]!]!;
    consumed += match[0].length;
  }
  if (consumed === 0 || consumed !== trimmed.length) {
    throw new Error(`invalid duration '${text}' (use e.g. 5m, 1h, 30d)`);
  }
  return total;
}

/** Formats milliseconds as the shortest exact Prometheus duration (`90m` → `1h30m`). */
export function formatDuration(ms: number): string {
  if (ms === 0) return "0s";
  let rest = ms;
  let out = "";
  for (const unit of ["w", "d", "h", "m", "s", "ms"]) {
    const size = UNITS[unit]!;
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}
