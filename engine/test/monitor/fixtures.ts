import type { Contract } from "../../src/registry/types.js";
import type { Random } from "./random.js";

/** Decile edges of N(0, 1), closed at ±4σ (P(|z| > 4) = 6.3e-5). */
export const NORMAL_EDGES = [
  -4, -1.2815515655446004, -0.8416212335729143, -0.5244005127080407, -0.2533471031357997, 0,
  0.2533471031357997, 0.5244005127080407, 0.8416212335729143, 1.2815515655446004, 4,
];
export const NORMAL_DECILES = { edges: NORMAL_EDGES, proportions: Array<number>(10).fill(0.1) };
export const COLORS = { red: 0.5, green: 0.3, blue: 0.15, black: 0.05 };
export const REGIONS = { north: 0.25, south: 0.25, east: 0.25, west: 0.25 };

/** A 7-input model (5 numerical, 2 categorical) with one numerical output, baseline from 4000 rows. */
export const SEVEN_FEATURES: Pick<Contract, "name" | "baseline"> = {
  name: "synthetic",
  baseline: {
    count: 4000,
    inputs: {
      x1: NORMAL_DECILES,
      x2: NORMAL_DECILES,
      x3: NORMAL_DECILES,
      x4: NORMAL_DECILES,
      x5: NORMAL_DECILES,
      color: { frequencies: COLORS },
      region: { frequencies: REGIONS },
    },
    outputs: { score: NORMAL_DECILES },
  },
};

export interface Shift {
  mean?: number;
  sd?: number;
  /** Share of `color` values replaced by a category the baseline never saw. */
  newCategory?: number;
  /** Share of x1 values pushed above the last edge. */
  outOfRange?: number;
}

const colorNames = Object.keys(COLORS);
const colorShares = Object.values(COLORS);
const regionNames = Object.keys(REGIONS);
const regionShares = Object.values(REGIONS);

/** One synthetic inference; the shift applies to x1 (and to color for a new category). */
export function drawRow(
  rng: Random,
  shift: Shift = {},
): { inputs: Record<string, unknown>; outputs: Record<string, unknown> } {
  let x1 = rng.normal(shift.mean ?? 0, shift.sd ?? 1);
  if (shift.outOfRange && rng.uniform() < shift.outOfRange) x1 = 4 + 10 * rng.uniform() + 1e-9;
  const color =
    shift.newCategory && rng.uniform() < shift.newCategory
      ? "purple"
      : colorNames[rng.categorical(colorShares)];
  return {
    inputs: {
      x1,
      x2: rng.normal(),
      x3: rng.normal(),
      x4: rng.normal(),
      x5: rng.normal(),
      color,
      region: regionNames[rng.categorical(regionShares)],
    },
    outputs: { score: rng.normal() },
  };
}
