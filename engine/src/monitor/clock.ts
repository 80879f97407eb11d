/** Milliseconds since the Unix epoch. Injected everywhere so tests run on a fake clock. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

/** A clock tests move by hand. */
export interface ManualClock {
  (): number;
  set(ms: number): void;
  advance(ms: number): void;
}

export function manualClock(startMs = 0): ManualClock {
  let now = startMs;
  const clock = (() => now) as ManualClock;
  clock.set = (ms) => {
    now = ms;
  };
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
}
