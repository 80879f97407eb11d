/**
 * One-sided two-proportion z-test: is the share of bad events in `b` (the canary) larger than in `a`
 * (stable)? Uses the pooled proportion; returns z and the upper-tail p-value. With no events on either
 * side (or no samples) there is no evidence: z = 0, p = 1.
 */
export function twoProportionZTest(
  a: { bad: number; total: number },
  b: { bad: number; total: number },
): { z: number; p_value: number; rate_a: number; rate_b: number } {
  const rateA = a.total > 0 ? a.bad / a.total : 0;
  const rateB = b.total > 0 ? b.bad / b.total : 0;
  if (a.total === 0 || b.total === 0) return { z: 0, p_value: 1, rate_a: rateA, rate_b: rateB };
  const pooled = (a.bad + b.bad) / (a.total + b.total);
  const variance = pooled * (1 - pooled) * (1 / a.total + 1 / b.total);
  if (!(variance > 0)) return { z: 0, p_value: 1, rate_a: rateA, rate_b: rateB };
  const z = (rateB - rateA) / Math.sqrt(variance);
  return { z, p_value: upperTailNormal(z), rate_a: rateA, rate_b: rateB };
}

/** P(Z > z) for a standard normal Z (Abramowitz–Stegun 7.1.26 erfc, |error| < 1.5e-7). */
export function upperTailNormal(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erfc = poly * Math.exp(-x * x);
  return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}
