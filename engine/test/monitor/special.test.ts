import { describe, expect, it } from "vitest";
import {
  chiSquareSurvival,
  kolmogorovSurvival,
  ksPValue,
  logGamma,
  regularizedGammaP,
} from "../../src/monitor/stats/special.js";
import { adjustPValues } from "../../src/monitor/stats/correction.js";

// Reference values computed once with scipy 1.x (python3 -c "from scipy import stats, special; ...")
// and hard-coded here: stats.chi2.sf, special.gammainc, special.kolmogorov, stats.kstwo.sf,
// stats.false_discovery_control.
describe("special functions against scipy", () => {
  it("logGamma matches exact factorials and Γ(1/2)", () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(logGamma(171)).toBeCloseTo(706.5730622457874, 8);
  });

  it.each([
    [0.5, 0.1, 0.34527915398142317],
    [2.5, 1.0, 0.15085496391539038],
    [10, 12, 0.7576078383294875],
    [100, 90, 0.15822098918643007],
  ])("P(%d, %d) = scipy.special.gammainc", (a, x, expected) => {
    expect(regularizedGammaP(a, x)).toBeCloseTo(expected, 10);
  });

  it.each([
    [3.84, 1, 0.05004352124870519],
    [11.07, 5, 0.050009618622405425],
    [0.5, 3, 0.9188914116546758],
    [20, 10, 0.029252688076961124],
    [100, 50, 3.454931382984871e-5],
    [0.001, 2, 0.9995001249791693],
    [40, 4, 4.328422607120966e-8],
  ])("chi2.sf(%d, %d)", (x, dof, expected) => {
    const got = chiSquareSurvival(x, dof);
    expect(Math.abs(got - expected) / expected).toBeLessThan(1e-9);
  });

  it("keeps relative precision deep in the tail", () => {
    // scipy: stats.chi2.sf(150, 9) = 8.819629954805395e-28
    expect(chiSquareSurvival(150, 9) / 8.819629954805395e-28).toBeCloseTo(1, 8);
  });

  it.each([
    [0.3, 0.9999906941986655],
    [0.5, 0.9639452436648751],
    [1.0, 0.26999967167735456],
    [1.36, 0.049485876755377876],
    [2.0, 0.0006709252557796953],
  ])("kolmogorov(%d)", (lambda, expected) => {
    expect(kolmogorovSurvival(lambda)).toBeCloseTo(expected, 10);
  });

  it("ksPValue is close to the exact one-sample distribution", () => {
    // scipy: stats.kstwo.sf(0.1, 100) = 0.2526927570063874; stats.kstwo.sf(0.2, 50) = 0.03143877776953241
    expect(ksPValue(0.1, 100)).toBeCloseTo(0.2527, 2);
    expect(ksPValue(0.2, 50)).toBeCloseTo(0.0314, 2);
  });
});

describe("multiple-testing corrections", () => {
  const p = [0.01, 0.04, 0.03, 0.2, 0.005];
  it("Benjamini–Hochberg matches scipy.stats.false_discovery_control", () => {
    const adjusted = adjustPValues(p, "benjamini-hochberg");
    [0.025, 0.05, 0.05, 0.2, 0.025].forEach((e, i) => expect(adjusted[i]).toBeCloseTo(e, 12));
  });
  it("Bonferroni multiplies by the number of tested features and skips untested ones", () => {
    const adjusted = adjustPValues([0.01, Number.NaN, 0.3, 0.5], "bonferroni");
    expect(adjusted[0]).toBeCloseTo(0.03, 12);
    expect(adjusted[1]).toBeNaN();
    expect(adjusted[2]).toBeCloseTo(0.9, 12);
    expect(adjusted[3]).toBe(1);
    expect(adjustPValues([0.01, 0.3], "none")).toEqual([0.01, 0.3]);
  });
});
