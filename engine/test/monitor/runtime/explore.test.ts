import { test } from "vitest";
import { DriftMonitor } from "../../../src/monitor/index.js";
import { demandRows, demandRequest, startMonitoredServing, templateServingSpec, templateState, monitorSpecFromRegistry, postJson } from "./helpers.js";

test("explore", async () => {
  const state = await templateState();
  const serving = await templateServingSpec(state, "production", ["demand-forecast"]);
  const monitor = monitorSpecFromRegistry(state, "production");
  monitor.models = monitor.models.filter((m) => m.model === "demand-forecast");
  const s = await startMonitoredServing({ serving, monitor });
  const contract = state.contracts["demand-forecast"]!.data;
  for (const factor of [1, 3]) {
    for (const seed of [1, 2, 3]) {
      const dm = DriftMonitor.fromContract(contract, { window: { kind: "count", size: 2000 } });
      const rows = demandRows(200, seed, factor);
      const res = await postJson(`${s.url}/v2/models/demand-forecast/infer`, demandRequest(rows));
      const out = (res.body.outputs as { data: number[] }[])[0]!.data;
      let rep;
      rows.forEach((r, i) => { rep = dm.observe(r as unknown as Record<string, unknown>, { predicted_units: out[i] }) ?? rep; });
      rep = dm.flush();
      console.log(factor, seed, rep!.status, rep!.features.map((f) => `${f.feature}:${f.psi.toFixed(3)}:${f.p_value_corrected.toExponential(1)}:${f.verdict}`).join(" "));
    }
  }
  await s.close();
}, 60000);
