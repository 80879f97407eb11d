/** Seeded randomness for the monitor tests: mulberry32 (uniform) and Box–Muller (normal). */
export interface Random {
  uniform(): number;
  normal(mean?: number, sd?: number): number;
  /** Index drawn with the given probabilities (summing to 1). */
  categorical(probabilities: readonly number[]): number;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let spare: number | undefined;
  const standardNormal = (): number => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    let u = 0;
    while (u === 0) u = uniform();
    const v = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  return {
    uniform,
    normal: (mean = 0, sd = 1) => mean + sd * standardNormal(),
    categorical: (probabilities) => {
      const u = uniform();
      let acc = 0;
      for (let i = 0; i < probabilities.length; i += 1) {
        acc += probabilities[i]!;
        if (u < acc) return i;
      }
      return probabilities.length - 1;
    },
  };
}
