/**
 * Monitor settings for the daemon end-to-end tests that check the wiring (hold, revert, issues), not the
 * statistics (those are tested in monitoring-canary.test.ts): the test evaluates by hand, drift windows
 * close at 200 rows, and any canary difference counts as a breach.
 */
export const wiringMonitor = {
  runtime: {
    evaluate_every_ms: 3_600_000,
    drift: { window_size: 200, min_window_ms: 0 },
    canary: { min_samples: 20, alpha: 1.01, min_effect: -1 },
  },
};
