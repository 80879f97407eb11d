/** Multiple-testing corrections across the features of one drift window. */
export type CorrectionMethod = "bonferroni" | "benjamini-hochberg" | "none";

/**
 * Adjusted p-values, in the input order. NaN entries (features not tested, e.g. too few samples)
 * stay NaN and do not count towards the number of tests m.
 * - bonferroni: min(1, m·p) — controls the family-wise error rate (any false alarm) at α.
 * - benjamini-hochberg: step-up adjusted p-values — controls the false discovery rate at α.
 */
export function adjustPValues(pValues: readonly number[], method: CorrectionMethod): number[] {
  const tested = pValues.map((p, i) => ({ p, i })).filter((x) => !Number.isNaN(x.p));
  const m = tested.length;
  const out = pValues.map(() => Number.NaN);
  if (method === "none") {
    for (const { p, i } of tested) out[i] = p;
    return out;
  }
  if (method === "bonferroni") {
    for (const { p, i } of tested) out[i] = Math.min(1, p * m);
    return out;
  }
  const sorted = [...tested].sort((a, b) => a.p - b.p);
  let running = 1;
  for (let rank = m; rank >= 1; rank -= 1) {
    const entry = sorted[rank - 1]!;
    running = Math.min(running, (entry.p * m) / rank);
    out[entry.i] = Math.min(1, running);
  }
  return out;
}
