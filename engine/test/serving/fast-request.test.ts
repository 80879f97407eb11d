import fc from "fast-check";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { ContractField } from "../../src/registry/types.js";
import { decodeFastRequest } from "../../src/serving/fast-request.js";
import { parseRequest } from "../../src/serving/infer-request.js";
import type { WireTensor } from "../../src/serving/tensors.js";
import { compileContractInputs, decodeInputs } from "../../src/serving/validation.js";
import { contracts, modelSpec, single, startServing, type Running } from "./helpers.js";

/**
 * The one-pass decoder must never change an answer: whenever it accepts a body, the general path
 * (JSON.parse + parseRequest + decodeInputs) accepts it too, with no violation and the same tensors,
 * rows and id; and over HTTP both paths give byte-identical responses.
 */
const fields: ContractField[] = [
  { name: "units", datatype: "FP32", shape: [-1, 1], min: 0, max: 5000 },
  { name: "ratio", datatype: "FP64", shape: [-1, 1], nullable: true },
  { name: "format", datatype: "BYTES", shape: [-1, 1], categories: ["mall", "street", "outlet"] },
  { name: "note", datatype: "BYTES", shape: [-1, 1] },
];
const contract = compileContractInputs(fields);
const withInt = compileContractInputs([...fields, { name: "count", datatype: "INT64", shape: [-1, 1] }]);

interface General {
  id: string | undefined;
  tensors: Record<string, WireTensor>;
  rows: number;
  violations: number;
}

function general(body: Buffer, c = contract): General | "rejected" {
  try {
    const request = parseRequest(body, undefined);
    const decoded = decodeInputs(request.inputs, c);
    const id =
      typeof request.id === "string" ? request.id : request.id === undefined ? undefined : String(request.id);
    return { id, tensors: decoded.tensors, rows: decoded.rows, violations: decoded.violations.length };
  } catch {
    return "rejected";
  }
}

/** Typed arrays compared element by element, with their class (toEqual alone would miss Float32 vs 64). */
function plain(tensors: Record<string, WireTensor>): unknown {
  return Object.entries(tensors).map(([name, t]) => ({
    name,
    datatype: t.datatype,
    dims: t.dims,
    kind: t.data.constructor.name,
    data: Array.from(t.data as ArrayLike<unknown>, (v) => (Object.is(v, -0) ? "-0" : v)),
  }));
}

function expectSameAsGeneral(body: Buffer, c = contract): boolean {
  const fast = decodeFastRequest(body, c);
  if (!fast) return false;
  const g = general(body, c);
  const context = body.toString();
  expect(g, context).not.toBe("rejected");
  const ok = g as General;
  expect(ok.violations, context).toBe(0);
  expect(fast.decoded.violations).toEqual([]);
  expect(fast.id, context).toBe(ok.id);
  expect(fast.decoded.rows, context).toBe(ok.rows);
  expect(plain(fast.decoded.tensors), context).toEqual(plain(ok.tensors));
  return true;
}

// Numbers as JSON texts: JSON.stringify's shortest forms and hand-written ones (exponents, trailing
// zeros, long mantissas, -0, out-of-range, non-JSON forms the fast path must refuse).
const numberText = fc.oneof(
  fc.double({ noNaN: true }).map((x) => JSON.stringify(x)),
  fc.double({ min: 0, max: 5000, noNaN: true }).map((x) => JSON.stringify(x)),
  fc.integer({ min: -10, max: 6000 }).map(String),
  fc.double({ min: -1, max: 0, noNaN: true }).map((x) => (Object.is(x, -0) ? "-0" : JSON.stringify(x))),
  fc
    .tuple(fc.integer({ min: 0, max: 99999 }), fc.nat(999999), fc.integer({ min: -30, max: 30 }))
    .map(([i, f, e]) => `${i}.${f}e${e}`),
  fc.stringMatching(/^-?(0|[1-9][0-9]{0,20})(\.[0-9]{1,20})?([eE][+-]?[0-9]{1,3})?$/),
  fc.constantFrom(
    "-0",
    "0.0",
    "1E2",
    "1e+2",
    "4999.99999999999999999",
    "1e400",
    "-1e400",
    "01",
    "1.",
    ".5",
    "+1",
    "NaN",
    "null",
    '"1"',
    "[1]",
    "true",
  ),
);
const stringText = fc
  .oneof(
    fc.constantFrom("mall", "street", "outlet", "Mall", "", "caf\u00e9", "a\\nb", "x\u0001"),
    fc.string({ maxLength: 8 }),
  )
  .map((s) => (s.includes("\\") ? `"${s}"` : JSON.stringify(s)));

const ws = fc.constantFrom("", " ", "\n", "\t ", "\r\n");

/** One input as text, with its keys in a random order, sometimes an extra key or nested data. */
const inputText = fc
  .record({
    name: fc.constantFrom("units", "ratio", "format", "note", "count", "other"),
    datatype: fc.constantFrom("FP32", "FP64", "BYTES", "INT64", "FP16"),
    shape: fc.oneof(
      fc.constant("[1,1]"),
      fc.constant("[2,1]"),
      fc.constant("[1]"),
      fc.constant("[1,2]"),
      fc.constant("[1.0,1]"),
      fc.constant("[0,1]"),
    ),
    values: fc.array(fc.oneof(numberText, stringText), { minLength: 1, maxLength: 3 }),
    nested: fc.boolean(),
    extra: fc.constantFrom(undefined, '"parameters":{}', '"name":"units"'),
    order: fc.constantFrom([0, 1, 2, 3], [3, 2, 1, 0], [1, 0, 2, 3], [0, 2, 1, 3]),
    w: ws,
  })
  .map((r) => {
    const data = r.nested ? `[${r.values.map((v) => `[${v}]`).join(",")}]` : `[${r.values.join(`,${r.w}`)}]`;
    const members = [
      `"name":${r.w}"${r.name}"`,
      `"datatype":"${r.datatype}"`,
      `"shape":${r.shape}`,
      `"data":${data}`,
    ];
    const ordered = r.order.map((i) => members[i]!);
    if (r.extra) ordered.push(r.extra);
    return `{${r.w}${ordered.join(`,${r.w}`)}${r.w}}`;
  });

/**
 * An input for `fields` with the right name, datatype and shape. Valid values (what clients send almost
 * always), or with `wild` any JSON number or string text: out of range, -0, exponents, long mantissas,
 * short decimals that take the exact fast number path, unknown categories, escapes.
 */
function contractInput(name: string, rows: number, wild = false): fc.Arbitrary<string> {
  const field = fields.find((f) => f.name === name)!;
  // strings the one-pass decoder takes: printable ASCII without escapes (others fall back)
  const value: fc.Arbitrary<unknown> =
    field.datatype === "BYTES"
      ? field.categories
        ? fc.constantFrom(...(field.categories as string[]))
        : fc.string({ maxLength: 12 }).filter((s) => /^[\x20-\x7e]*$/.test(s) && !/["\\]/.test(s))
      : field.datatype === "FP32"
        ? fc.double({ min: 0, max: 5000, noNaN: true })
        : fc.double({ noNaN: true, noDefaultInfinity: true });
  const text = wild
    ? fc.oneof(
        value.map((v) => JSON.stringify(v)),
        numberText,
        stringText,
      )
    : value.map((v) => JSON.stringify(v));
  return fc
    .array(text, { minLength: rows, maxLength: rows })
    .map(
      (data) =>
        `{"name":"${name}","datatype":"${field.datatype}","shape":[${rows},1],"data":[${data.join(",")}]}`,
    );
}

function requestInputs(wild: boolean): fc.Arbitrary<string[]> {
  return fc
    .integer({ min: 1, max: wild ? 2 : 4 })
    .chain((rows) =>
      fc.tuple(
        fc.shuffledSubarray(["units", "ratio", "format", "note"], { minLength: 4, maxLength: 4 }),
        fc.constant(rows),
      ),
    )
    .chain(([order, rows]) => fc.tuple(...order.map((n) => contractInput(n, rows, wild))));
}
const validRequestInputs = requestInputs(false);

test("property: requests with any number or string text where values belong decode the same on both paths", () => {
  let accepted = 0;
  const runs = 3000;
  fc.assert(
    fc.property(requestInputs(true), fc.constantFrom(undefined, '"req-1"'), (inputs, id) => {
      const body = Buffer.from(`{${id ? `"id":${id},` : ""}"inputs":[${inputs.join(",")}]}`);
      if (expectSameAsGeneral(body)) accepted += 1;
    }),
    { numRuns: runs },
  );
  // not vacuous: a good share of these requests are valid and take the one-pass decoder
  expect(accepted).toBeGreaterThan(runs / 50);
});

test("property: every body the one-pass decoder accepts decodes the same on the general path", () => {
  fc.assert(
    fc.property(
      // valid requests with one input replaced by a random one, and fully random ones
      fc.oneof(
        fc
          .tuple(validRequestInputs, inputText, fc.nat(3))
          .map(([valid, odd, at]) => valid.map((v, i) => (i === at ? odd : v))),
        fc.array(inputText, { minLength: 1, maxLength: 5 }),
      ),
      fc.constantFrom(undefined, '"req-1"', "7", '""', '"a\\"b"'),
      fc.constantFrom(undefined, '"parameters":{"x":1}', '"outputs":[{"name":"y"}]', '"inputs":[]'),
      ws,
      (inputs, id, extra, w) => {
        const members = [`"inputs":${w}[${inputs.join(",")}]`];
        if (id !== undefined) members.unshift(`"id":${id}`);
        if (extra) members.push(extra);
        const body = Buffer.from(`${w}{${members.join(`,${w}`)}}${w}`);
        expectSameAsGeneral(body);
        if (expectSameAsGeneral(body, withInt)) throw new Error("accepted a request for an INT64 input");
      },
    ),
    { numRuns: 3000 },
  );
});

test("property: valid requests take the one-pass decoder, with the general path's tensors", () => {
  fc.assert(
    fc.property(
      validRequestInputs,
      fc.option(fc.string({ maxLength: 10 }).filter((s) => /^[\x20-\x7e]*$/.test(s) && !/["\\]/.test(s))),
      (inputs, id) => {
        const body = Buffer.from(
          `{${id === null ? "" : `"id":${JSON.stringify(id)},`}"inputs":[${inputs.join(",")}]}`,
        );
        expect(expectSameAsGeneral(body), body.toString()).toBe(true);
      },
    ),
    { numRuns: 1000 },
  );
});

test("requests the one-pass decoder must leave to the general path", () => {
  const input = (data: string, extra = ""): string =>
    `{"name":"units","datatype":"FP32","shape":[1,1],"data":${data}${extra}}`;
  const rest = [
    '{"name":"ratio","datatype":"FP64","shape":[1,1],"data":[0.5]}',
    '{"name":"format","datatype":"BYTES","shape":[1,1],"data":["mall"]}',
    '{"name":"note","datatype":"BYTES","shape":[1,1],"data":["hi"]}',
  ].join(",");
  const body = (first: string, envelope = ""): Buffer =>
    Buffer.from(`{"inputs":[${first},${rest}]${envelope}}`);
  expect(decodeFastRequest(body(input("[12.5]")), contract)).toBeDefined();
  for (const b of [
    body(input("[5001]")), // out of range: reported by the general path
    body(input("[-1]")),
    body(input("[1e400]")), // Infinity
    body(input("[null]")),
    body(input('["NaN"]')),
    body(input("[[1]]")),
    body(input("[1,2]")),
    body(input("[01]")),
    body(input("[1]", ',"parameters":{}')),
    body(input("[1]"), ',"parameters":{}'),
    body(input("[1]"), ',"outputs":[]'),
    body(input("[1]"), ',"id":1'),
    body(input("[1]"), ',"inputs":[]'), // duplicate key: JSON.parse keeps the last
    Buffer.from(`{"inputs":[${input("[1]")}]}`), // missing inputs
    Buffer.from(`{"inputs":[${input("[1]")},${input("[2]")},${rest}]}`), // an input twice
    Buffer.from(`{"inputs":[${input("[1]")},${rest}]} x`),
  ]) {
    expect(decodeFastRequest(b, contract), b.toString()).toBeUndefined();
  }
});

let server: Running;
beforeAll(async () => {
  server = await startServing({
    name: "fast",
    models: { mixed: single(modelSpec("mixed", "1", "mixed.onnx", contracts.mixed)) },
  });
});
afterAll(() => server.close());

async function send(body: string): Promise<{ status: number; text: string; version: string | null }> {
  const res = await fetch(`${server.url}/v2/models/mixed/infer`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  return {
    status: res.status,
    text: await res.text(),
    version: res.headers.get("x-modelgate-model-version"),
  };
}

test("over HTTP, the one-pass and the general path answer with the same bytes", async () => {
  const rows = (n: number, i: number): string => {
    const amounts = Array.from({ length: n }, (_, k) => ((k + i) * 37.25) % 5000);
    const formats = Array.from({ length: n }, (_, k) => ["mall", "street", "outlet"][(k + i) % 3]);
    return `"inputs":[{"name":"amount","datatype":"FP32","shape":[${n},1],"data":${JSON.stringify(amounts)}},{"name":"store_format","datatype":"BYTES","shape":[${n},1],"data":${JSON.stringify(formats)}}]`;
  };
  for (let i = 0; i < 20; i++) {
    const n = 1 + (i % 5);
    const id = i % 2 === 0 ? `"id":"r${i}",` : "";
    // `"parameters":{}` changes nothing in the answer but sends the request down the general path
    const fast = await send(`{${id}${rows(n, i)}}`);
    const slow = await send(`{${id}${rows(n, i)},"parameters":{}}`);
    expect(fast.status).toBe(200);
    expect(fast.text).toBe(slow.text);
    expect(fast.version).toBe(slow.version);
  }
});
