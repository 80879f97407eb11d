import { chiSquareSurvival, ksPValue } from "../stats/special.js";

/**
 * Population Stability Index between baseline proportions p and observed counts:
 * PSI = Σ (q_i − p_i) · ln(q_i / p_i), with q_i = count_i / n. Empty bins on either side are
 * replaced by `epsilon` (default 1e-4) so the sum stays finite. `extra` adds buckets the baseline
 * does not have (out-of-range, unseen), whose baseline share is taken as `epsilon`.
 */
export function populationStabilityIndex(
  expected: ArrayLike<number>,
  counts: ArrayLike<number>,
  options: { epsilon?: number; extra?: readonly number[] } = {},
): number {
  const epsilon = options.epsilon ?? 1e-4;
  const extra = options.extra ?? [];
  let n = 0;
  for (let i = 0; i < counts.length; i += 1) n += counts[i]!;
  for (const c of extra) n += c;
  if (n === 0) return 0;
  let psi = 0;
  for (let i = 0; i < counts.length; i += 1) {
    const p = Math.max(expected[i]!, epsilon);
    const q = Math.max(counts[i]! / n, epsilon);
    psi += (q - p) * Math.log(q / p);
  }
  for (const c of extra) {
    const q = Math.max(c / n, epsilon);
    psi += (q - epsilon) * Math.log(q / epsilon);
  }
  return psi;
}

export interface ChiSquareResult {
  statistic: number;
  dof: number;
  pValue: number;
  /** Number of groups after merging bins with small expected counts. */
  groups: number;
}

/**
 * Chi-square goodness-of-fit of observed counts against baseline proportions.
 *
 * - Bins whose expected count n·p_i is below `minExpected` (default 5, Cochran's rule) are merged:
 *   adjacent bins for ordered (numerical) data, the rarest categories together for categorical data.
 * - When the baseline itself is a sample of `baselineCount` rows, the statistic is divided by
 *   (1 + n / N): to first order that is the two-sample (homogeneity) chi-square, so a window that is
 *   not small next to the baseline does not raise false alarms from the baseline's own noise.
 */
export function chiSquareGoodnessOfFit(
  expected: ArrayLike<number>,
  counts: ArrayLike<number>,
  options: { ordered: boolean; minExpected?: number; baselineCount?: number },
): ChiSquareResult {
  const minExpected = options.minExpected ?? 5;
  let n = 0;
  for (let i = 0; i < counts.length; i += 1) n += counts[i]!;
  if (n === 0) return { statistic: 0, dof: 0, pValue: 1, groups: 0 };
  const groups = options.ordered
    ? mergeAdjacent(expected, counts, n, minExpected)
    : mergeRarest(expected, counts, n, minExpected);
  let statistic = 0;
  for (const g of groups) {
    const e = g.p * n;
    if (e > 0) statistic += ((g.count - e) * (g.count - e)) / e;
    else if (g.count > 0) statistic = Number.POSITIVE_INFINITY;
  }
  if (options.baselineCount && options.baselineCount > 0) statistic /= 1 + n / options.baselineCount;
  const dof = groups.length - 1;
  const pValue = dof < 1 ? 1 : chiSquareSurvival(statistic, dof);
  return { statistic, dof, pValue, groups: groups.length };
}

interface Group {
  p: number;
  count: number;
}

function mergeAdjacent(
  expected: ArrayLike<number>,
  counts: ArrayLike<number>,
  n: number,
  min: number,
): Group[] {
  const groups: Group[] = [];
  let current: Group = { p: 0, count: 0 };
  for (let i = 0; i < counts.length; i += 1) {
    current.p += expected[i]!;
    current.count += counts[i]!;
    if (current.p * n >= min) {
      groups.push(current);
      current = { p: 0, count: 0 };
    }
  }
  if (current.p > 0 || current.count > 0) {
    const last = groups.at(-1);
    if (last) {
      last.p += current.p;
      last.count += current.count;
    } else groups.push(current);
  }
  return groups;
}

function mergeRarest(
  expected: ArrayLike<number>,
  counts: ArrayLike<number>,
  n: number,
  min: number,
): Group[] {
  const all: Group[] = [];
  for (let i = 0; i < counts.length; i += 1) all.push({ p: expected[i]!, count: counts[i]! });
  all.sort((a, b) => a.p - b.p);
  const groups: Group[] = [];
  let pooled: Group = { p: 0, count: 0 };
  for (const g of all) {
    if (g.p * n >= min) groups.push(g);
    else {
      pooled.p += g.p;
      pooled.count += g.count;
      if (pooled.p * n >= min) {
        groups.push(pooled);
        pooled = { p: 0, count: 0 };
      }
    }
  }
  if (pooled.p > 0 || pooled.count > 0) {
    // Fold what is left into the smallest group that is large enough.
    const target = groups.reduce<Group | undefined>(
      (best, g) => (!best || g.p < best.p ? g : best),
      undefined,
    );
    if (target) {
      target.p += pooled.p;
      target.count += pooled.count;
    } else groups.push(pooled);
  }
  return groups;
}

export interface BinnedKsResult {
  statistic: number;
  pValue: number;
}

/**
 * Kolmogorov–Smirnov on binned data: D = max over bin edges of |F_observed − F_baseline|, with the
 * asymptotic p-value (Stephens' correction). Because D is only evaluated at the edges it can only
 * under-estimate the continuous D, so the p-value is conservative; with a baseline sample of N rows
 * the effective size n·N/(n+N) is used.
 */
export function binnedKolmogorovSmirnov(
  expected: ArrayLike<number>,
  counts: ArrayLike<number>,
  options: { baselineCount?: number } = {},
): BinnedKsResult {
  let n = 0;
  for (let i = 0; i < counts.length; i += 1) n += counts[i]!;
  if (n === 0) return { statistic: 0, pValue: 1 };
  let fObs = 0;
  let fRef = 0;
  let d = 0;
  for (let i = 0; i < counts.length; i += 1) {
    fObs += counts[i]! / n;
    fRef += expected[i]!;
    d = Math.max(d, Math.abs(fObs - fRef));
  }
  const big = options.baselineCount;
  const effective = big && big > 0 ? (n * big) / (n + big) : n;
  return { statistic: d, pValue: ksPValue(d, effective) };
}
