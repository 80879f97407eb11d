import { connect } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import {
  affineInput,
  contracts,
  get,
  modelSpec,
  post,
  single,
  startServing,
  type Running,
} from "./helpers.js";

let server: Running;
beforeAll(async () => {
  server = await startServing(
    {
      name: "t",
      models: {
        affine: single(modelSpec("affine", "1", "affine_1.onnx", contracts.affine)),
        slow: single(modelSpec("slow", "1", "slow.onnx", contracts.slow)),
      },
    },
    { maxBodyBytes: 64 * 1024, requestTimeoutMs: 400 },
  );
});
afterAll(() => server.close());

async function healthy(): Promise<void> {
  const res = await post(`${server.url}/v2/models/affine/infer`, affineInput([1, 2]));
  expect(res.status).toBe(200);
  expect((res.body.outputs as { data: number[] }[])[0]!.data).toEqual([2, 3]);
}

test("malformed JSON, non-object bodies and bad `inputs` are 400 with {error}", async () => {
  const cases: [string, RegExp][] = [
    ["{", /malformed JSON/],
    ["", /malformed JSON/],
    ["[1,2]", /must be a JSON object/],
    ["null", /must be a JSON object/],
    ['{"inputs": 5}', /`inputs` must be an array/],
    ['{"inputs": [5]}', /each input must be an object/],
    ['{"inputs": [{"name": "x"}]}', /datatype must be one of the V2 datatypes/],
    [
      '{"inputs": [{"name":"x","datatype":"FP32","shape":[1,1],"data":[1]}], "outputs": [{"name":"nope"}]}',
      /unknown output 'nope'/,
    ],
    [
      '{"inputs": [{"name":"x","datatype":"FP32","shape":[1,1],"data":[1]}], "parameters": 3}',
      /`parameters` must be an object/,
    ],
    [
      '{"inputs": [{"name":"x","datatype":"FP32","shape":[0,1],"data":[]}]}',
      /shape must be an array of positive integers/,
    ],
    ['{"inputs": [{"name":"x","datatype":"FP32","shape":[1e12,1],"data":[]}]}', /too large/],
  ];
  for (const [body, pattern] of cases) {
    const res = await post(`${server.url}/v2/models/affine/infer`, body);
    expect(res.status, body).toBe(400);
    expect(res.body.error, body).toMatch(pattern);
  }
  await healthy();
});

test("deeply nested arrays are refused without a crash", async () => {
  const depth = 20_000;
  const data = "[".repeat(depth) + "1" + "]".repeat(depth);
  const res = await post(
    `${server.url}/v2/models/affine/infer`,
    `{"inputs":[{"name":"x","datatype":"FP32","shape":[1,1],"data":${data}}]}`,
  );
  expect(res.status).toBe(400);
  expect(res.body.error).toMatch(/nested data is deeper than shape/);
  await healthy();
});

test("a body over the limit is a 413 and the server keeps serving", async () => {
  const values = Array.from({ length: 20_000 }, () => 1.2345);
  const res = await post(`${server.url}/v2/models/affine/infer`, affineInput(values));
  expect(res.status).toBe(413);
  expect(res.body.error).toMatch(/larger than the limit of 65536 bytes/);
  // chunked upload without a content-length is cut off as well
  const chunked = await fetch(`${server.url}/v2/models/affine/infer`, {
    method: "POST",
    body: new ReadableStream({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode(" ".repeat(10_000)));
        controller.close();
      },
    }),
    duplex: "half",
  } as RequestInit);
  expect(chunked.status).toBe(413);
  await healthy();
});

test("wrong method and unknown endpoints", async () => {
  expect((await fetch(`${server.url}/v2/models/affine/infer`)).status).toBe(405);
  expect((await fetch(`${server.url}/v2/models/affine`, { method: "POST", body: "{}" })).status).toBe(405);
  const res = await get(`${server.url}/v2/unknown`);
  expect(res.status).toBe(404);
  expect(res.body?.error).toMatch(/unknown endpoint/);
  expect((await get(`${server.url}/v2/models/affine/explain`)).status).toBe(404);
  expect((await get(`${server.url}/v2/models/%E0%A4%A/ready`)).status).toBe(400);
});

test("a slow client gets a 408 after the request timeout and does not hold up others", async () => {
  const { port } = new URL(server.url);
  const socket = connect(Number(port), "127.0.0.1");
  const received: Buffer[] = [];
  socket.on("data", (d: Buffer) => received.push(d));
  const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
  socket.write(
    'POST /v2/models/affine/infer HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"inputs":',
  );
  const started = Date.now();
  await healthy(); // others are served while the slow client dawdles
  await closed;
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(Buffer.concat(received).toString()).toMatch(/^HTTP\/1.1 408/);
  await healthy();
});

test("health and metrics answer fast while the workers are busy with slow inference", async () => {
  const slow = Array.from({ length: 4 }, () =>
    post(`${server.url}/v2/models/slow/infer`, {
      inputs: [{ name: "x", datatype: "FP32", shape: [1, 1], data: [0.5] }],
    }),
  );
  const deadline = Date.now() + 10_000;
  while (server.serving.pool.queueDepth === 0 && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 5));
  const timings: number[] = [];
  let busyDuring = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const live = await fetch(`${server.url}/v2/health/live`);
    timings.push(performance.now() - t0);
    expect(live.status).toBe(200);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    busyDuring = Math.max(busyDuring, Number(/modelgate_queue_depth (\d+)/.exec(metrics)?.[1] ?? 0));
  }
  const started = performance.now();
  const results = await Promise.all(slow);
  const slowTotal = performance.now() - started;
  expect(results.every((r) => r.status === 200)).toBe(true);
  expect(busyDuring).toBeGreaterThan(0); // the health checks really ran while inference was queued
  expect(slowTotal).toBeGreaterThan(50); // and inference was still running after they finished
  // one slow run takes ~100 ms; a blocked event loop would make every health check wait for it
  const median = [...timings].sort((a, b) => a - b)[2]!;
  expect(median).toBeLessThan(50);
});
