import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, expect, test } from "vitest";
import { contracts, fixtures, modelSpec, single, startServing, typeNames, type Running } from "./helpers.js";

/**
 * Property: whatever body is POSTed to an infer endpoint, the answer is a 2xx, or a 4xx with
 * `{"error": "..."}` — never a 5xx — and the server stays healthy. Bodies that once broke this are kept
 * in fixtures/serving/fuzz-corpus/ (one `{ "path", "body" }` per file) and replayed first.
 */
let server: Running;
beforeAll(async () => {
  server = await startServing(
    {
      name: "fuzz",
      models: {
        mixed: single(modelSpec("mixed", "1", "mixed.onnx", contracts.mixed)),
        types: single(modelSpec("types", "1", "types.onnx", contracts.types), { validation: "log" }),
        batched: single(modelSpec("batched", "1", "mixed.onnx", contracts.mixed), {
          batching: { maxBatchSize: 8, maxQueueDelayMs: 1 },
        }),
      },
    },
    { maxBodyBytes: 256 * 1024 },
  );
});
afterAll(() => server.close());

async function check(path: string, body: string | Buffer, headerLength?: number): Promise<void> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (headerLength !== undefined) headers["inference-header-content-length"] = String(headerLength);
  const res = await fetch(server.url + path, { method: "POST", headers, body });
  const text = await res.text();
  const context = `${path} ${body.toString().slice(0, 500)} -> ${res.status} ${text.slice(0, 300)}`;
  expect(res.status < 500, context).toBe(true);
  if (res.status >= 400) {
    const parsed = JSON.parse(text) as { error?: unknown };
    expect(typeof parsed.error, context).toBe("string");
  }
}

const names = ["amount", "store_format", ...typeNames().map(([n]) => n), "x", ""];
const datatypes = [...typeNames().map(([, d]) => d), "FP8", "int", ""];
const scalar = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((b) => Number(b)),
  fc.boolean(),
  fc.constantFrom("mall", "street", "NaN", "Infinity", "", "x"),
  fc.constant(null),
);
const data = fc.oneof(
  fc.array(scalar, { maxLength: 12 }),
  fc.array(fc.array(scalar, { maxLength: 4 }), { maxLength: 6 }),
  fc.array(fc.array(fc.array(scalar, { maxLength: 3 }), { maxLength: 3 }), { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
);
const tensor = fc.record(
  {
    name: fc.oneof(fc.constantFrom(...names), fc.string()),
    datatype: fc.oneof(fc.constantFrom(...datatypes), fc.jsonValue({ maxDepth: 1 })),
    shape: fc.oneof(
      fc.array(fc.integer({ min: -2, max: 6 }), { maxLength: 4 }),
      fc.jsonValue({ maxDepth: 1 }),
    ),
    data,
    parameters: fc.oneof(
      fc.constant(undefined),
      fc.record({ binary_data_size: fc.integer({ min: -1, max: 64 }) }),
      fc.jsonValue({ maxDepth: 1 }),
    ),
  },
  { requiredKeys: ["name"] },
);
const request = fc.record(
  {
    id: fc.jsonValue({ maxDepth: 1 }),
    parameters: fc.jsonValue({ maxDepth: 2 }),
    inputs: fc.oneof(fc.array(tensor, { maxLength: 14 }), fc.jsonValue({ maxDepth: 2 })),
    outputs: fc.oneof(
      fc.array(
        fc.record({ name: fc.oneof(fc.constantFrom("score", "label", "b_out", "s_out"), fc.string()) }),
        { maxLength: 3 },
      ),
      fc.jsonValue({ maxDepth: 2 }),
    ),
  },
  { requiredKeys: [] },
);
/** Well-formed requests for every input with one mutated tensor: reaches the deeper validation paths. */
const nearlyValid = fc
  .record({
    rows: fc.integer({ min: 1, max: 3 }),
    victim: fc.integer({ min: 0, max: 12 }),
    replacement: tensor,
  })
  .map(({ rows, victim, replacement }) => {
    const inputs: unknown[] = typeNames().map(([name, datatype]) => ({
      name,
      datatype,
      shape: [rows, 2],
      data: Array.from({ length: rows * 2 }, (_, i) =>
        datatype === "BOOL" ? i % 2 === 0 : datatype === "BYTES" ? `s${i}` : i,
      ),
    }));
    inputs[victim] = { ...replacement, name: typeNames()[victim]![0] };
    return { inputs };
  });
const paths = fc.constantFrom(
  "/v2/models/mixed/infer",
  "/v2/models/types/infer",
  "/v2/models/batched/infer",
  "/v2/models/mixed/versions/1/infer",
);

test("the corpus of bodies that once failed still gets 4xx {error} or 2xx", async () => {
  const dir = join(fixtures, "fuzz-corpus");
  const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const entry = JSON.parse(readFileSync(join(dir, file), "utf8")) as {
      path: string;
      body: string;
      binary_base64?: string;
    };
    if (entry.binary_base64 === undefined) await check(entry.path, entry.body);
    else {
      const header = Buffer.from(entry.body);
      await check(
        entry.path,
        Buffer.concat([header, Buffer.from(entry.binary_base64, "base64")]),
        header.length,
      );
    }
  }
});

test("any JSON body: never a 5xx, always {error} on 4xx, server stays healthy", async () => {
  await fc.assert(
    fc.asyncProperty(
      paths,
      fc.oneof(request, nearlyValid, fc.jsonValue({ maxDepth: 4 })),
      async (path, body) => {
        await check(path, JSON.stringify(body) ?? "null");
      },
    ),
    { numRuns: Number(process.env.FUZZ_RUNS ?? 250), seed: Number(process.env.FUZZ_SEED ?? 20261123) },
  );
  await fc.assert(
    fc.asyncProperty(paths, fc.string({ maxLength: 200 }), async (path, body) => {
      await check(path, body);
    }),
    { numRuns: 50 },
  );
  // binary tensor extension: a JSON header claiming binary sizes, followed by arbitrary bytes
  await fc.assert(
    fc.asyncProperty(
      paths,
      fc.oneof(request, nearlyValid),
      fc.uint8Array({ maxLength: 96 }),
      async (path, body, bytes) => {
        const header = Buffer.from(JSON.stringify(body));
        await check(path, Buffer.concat([header, Buffer.from(bytes)]), header.length);
      },
    ),
    { numRuns: Number(process.env.FUZZ_RUNS ?? 250) / 2 },
  );
  expect((await fetch(`${server.url}/v2/health/live`)).status).toBe(200);
  const ok = await fetch(`${server.url}/v2/models/mixed/infer`, {
    method: "POST",
    body: JSON.stringify({
      inputs: [
        { name: "amount", datatype: "FP32", shape: [1, 1], data: [1] },
        { name: "store_format", datatype: "BYTES", shape: [1, 1], data: ["mall"] },
      ],
    }),
  });
  expect(ok.status).toBe(200);
});
