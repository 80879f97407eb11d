import { afterEach, expect, test } from "vitest";
import type { InferenceObservation, InferenceObserver } from "../../../src/serving/index.js";
import { seededRandom } from "../random.js";
import {
  affineInput,
  contracts,
  modelSpec,
  post,
  startServing,
  type Running,
} from "../../serving/helpers.js";

/**
 * The serving layer's observation hook, seen from an observer: what an observation carries (it is
 * handed over on setImmediate after the response), shadow and failed requests, the drop counter, and
 * the runtime weight override.
 */
let running: Running | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

function recorder(): InferenceObserver & { seen: InferenceObservation[] } {
  const seen: InferenceObservation[] = [];
  return { seen, observe: (o) => void seen.push(o) };
}

const settle = () => new Promise<void>((r) => setImmediate(() => setImmediate(r)));

test("observations carry typed inputs by field, outputs, role, id, status and latency; shadows too", async () => {
  const observer = recorder();
  running = await startServing(
    {
      name: "t",
      models: {
        affine: {
          versions: [
            modelSpec("affine", "1", "affine_1.onnx", contracts.affine),
            modelSpec("affine", "2", "affine_2.onnx", contracts.affine),
          ],
          traffic: [{ version: "1", weight: 100, role: "stable" }],
          shadow: { version: "2", percent: 100 },
        },
      },
    },
    { observer },
  );
  const res = await post(`${running.url}/v2/models/affine/infer`, {
    id: "req-1",
    ...(affineInput([1, 2]) as object),
  });
  expect(res.status).toBe(200);
  await settle();
  await new Promise((r) => setTimeout(r, 50)); // the shadow run
  await settle();
  const primary = observer.seen.find((o) => o.role === "stable")!;
  expect(primary).toMatchObject({ model: "affine", version: "1", requestId: "req-1", rows: 2, status: 200 });
  expect(primary.inputs!.x!.data).toEqual(Float32Array.of(1, 2));
  expect(primary.outputs!.y!.data).toEqual(Float32Array.of(2, 3));
  expect(primary.durationMs).toBeGreaterThan(0);
  const shadow = observer.seen.find((o) => o.role === "shadow")!;
  expect(shadow).toMatchObject({
    version: "2",
    requestId: "req-1",
    shadowOf: { version: "1", result: "disagree" },
  });
  expect(shadow.outputs!.y!.data).toEqual(Float32Array.of(3, 4));

  const bad = await post(`${running.url}/v2/models/affine/versions/1/infer`, { inputs: [{ name: "x" }] });
  expect(bad.status).toBe(400);
  await settle();
  expect(observer.seen.at(-1)).toMatchObject({ role: "explicit", version: "1", status: 400, rows: 0 });
  expect(observer.seen.at(-1)!.outputs).toBeUndefined();
});

test("a full queue drops observations and counts them; without a monitor feedback is 501", async () => {
  running = await startServing(
    {
      name: "t",
      models: {
        affine: {
          versions: [modelSpec("affine", "1", "affine_1.onnx", contracts.affine)],
          traffic: [{ version: "1", weight: 100 }],
        },
      },
    },
    { observer: recorder(), observationQueueSize: 0 },
  );
  for (let i = 0; i < 3; i += 1)
    expect((await post(`${running.url}/v2/models/affine/infer`, affineInput([i]))).status).toBe(200);
  const metrics = await (await fetch(`${running.url}/metrics`)).text();
  expect(metrics).toMatch(/^modelgate_observations_dropped_total 3$/m);
  expect((await post(`${running.url}/v2/models/affine/feedback`, { id: "a", value: 1 })).status).toBe(501);
});

test("setTrafficWeights changes the live split (the canary abort) and refuses to leave no version", async () => {
  running = await startServing(
    {
      name: "t",
      models: {
        affine: {
          versions: [
            modelSpec("affine", "1", "affine_1.onnx", contracts.affine),
            modelSpec("affine", "3", "affine_3.onnx", contracts.affine),
          ],
          traffic: [
            { version: "1", weight: 50, role: "stable" },
            { version: "3", weight: 50, role: "canary" },
          ],
        },
      },
    },
    { random: seededRandom(3).uniform },
  );
  running.serving.setTrafficWeights("affine", { "3": 0 });
  const versions = new Set<string>();
  for (let i = 0; i < 20; i += 1)
    versions.add(
      String((await post(`${running.url}/v2/models/affine/infer`, affineInput([0]))).body.model_version),
    );
  expect([...versions]).toEqual(["1"]);
  expect(() => running!.serving.setTrafficWeights("affine", { "1": 0 })).toThrow(/no version taking traffic/);
  expect(() => running!.serving.setTrafficWeights("nope", {})).toThrow(/unknown model/);
});
