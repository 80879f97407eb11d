import type { Datatype } from "../registry/types.js";

/**
 * Tensors as they travel between the HTTP layer and the inference workers: a V2 datatype, dims and a
 * typed array (or strings for BYTES). Typed-array buffers are transferred to and from workers, never
 * serialised as JSON.
 */
export type NumericData =
  | Uint8Array
  | Int8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | Float32Array
  | Float64Array;
export type TensorData = NumericData | string[];

export interface WireTensor {
  datatype: Datatype;
  dims: number[];
  data: TensorData;
}

/** ONNX Runtime's tensor type for each V2 datatype. */
export const ORT_TYPE: Readonly<Record<Datatype, string>> = {
  BOOL: "bool",
  INT8: "int8",
  INT16: "int16",
  INT32: "int32",
  INT64: "int64",
  UINT8: "uint8",
  UINT16: "uint16",
  UINT32: "uint32",
  UINT64: "uint64",
  FP16: "float16",
  FP32: "float32",
  FP64: "float64",
  BYTES: "string",
};

const FROM_ORT: Readonly<Record<string, Datatype>> = Object.fromEntries(
  Object.entries(ORT_TYPE).map(([v2, ort]) => [ort, v2 as Datatype]),
);

/** The V2 datatype for an ONNX Runtime tensor type, or undefined for types V2 cannot carry. */
export function datatypeFromOrt(type: string): Datatype | undefined {
  return FROM_ORT[type];
}

export const DATATYPES: readonly Datatype[] = Object.keys(ORT_TYPE) as Datatype[];

export function isDatatype(value: unknown): value is Datatype {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(ORT_TYPE, value);
}

type NumericCtor = { new (length: number): NumericData; BYTES_PER_ELEMENT: number };
const CTOR: Readonly<Record<Exclude<Datatype, "BYTES">, NumericCtor>> = {
  BOOL: Uint8Array,
  INT8: Int8Array,
  INT16: Int16Array,
  INT32: Int32Array,
  INT64: BigInt64Array,
  UINT8: Uint8Array,
  UINT16: Uint16Array,
  UINT32: Uint32Array,
  UINT64: BigUint64Array,
  FP16: Uint16Array,
  FP32: Float32Array,
  FP64: Float64Array,
};

export function allocate(datatype: Datatype, length: number): TensorData {
  return datatype === "BYTES" ? new Array<string>(length) : new CTOR[datatype](length);
}

export function bytesPerElement(datatype: Exclude<Datatype, "BYTES">): number {
  return CTOR[datatype].BYTES_PER_ELEMENT;
}

/**
 * Integer datatypes with their inclusive range as JSON numbers. The 64-bit bounds are the largest doubles
 * below 2^63 and 2^64: JSON numbers at or past those would wrap when stored in a BigInt64Array.
 */
export const INTEGER_RANGE: Readonly<Partial<Record<Datatype, readonly [number, number]>>> = {
  INT8: [-128, 127],
  INT16: [-32768, 32767],
  INT32: [-2147483648, 2147483647],
  INT64: [-(2 ** 63), 9223372036854774784],
  UINT8: [0, 255],
  UINT16: [0, 65535],
  UINT32: [0, 4294967295],
  UINT64: [0, 18446744073709549568],
};

export function isFloat(datatype: Datatype): boolean {
  return datatype === "FP16" || datatype === "FP32" || datatype === "FP64";
}

export function elementCount(dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) n *= d;
  return n;
}

// ---------- FP16 <-> number ----------
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE 754 binary16 bits for a number (round to nearest even). */
export function toHalf(value: number): number {
  f32[0] = value;
  const x = u32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let half = mant >> shift;
    const rest = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    if (rest > mid || (rest === mid && half & 1)) half += 1;
    return sign | half;
  }
  let half = (e << 10) | (mant >> 13);
  const rest = mant & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && half & 1)) half += 1;
  return sign | half;
}

export function fromHalf(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >> 10) & 0x1f;
  const mant = bits & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

// ---------- output encoding ----------

/** A tensor's data as JSON values (numbers, booleans, strings), row-major and flat. */
export function toJsonData(tensor: WireTensor): unknown[] {
  const { data, datatype } = tensor;
  if (Array.isArray(data)) return data;
  const out = new Array<unknown>(data.length);
  if (datatype === "BOOL") {
    for (let i = 0; i < data.length; i++) out[i] = data[i] !== 0;
  } else if (datatype === "FP16") {
    for (let i = 0; i < data.length; i++) out[i] = fromHalf(data[i] as number);
  } else if (data instanceof BigInt64Array || data instanceof BigUint64Array) {
    for (let i = 0; i < data.length; i++) out[i] = Number(data[i]);
  } else {
    for (let i = 0; i < data.length; i++) {
      const v = data[i] as number;
      // JSON has no NaN/Infinity: report them as null rather than producing invalid JSON.
      out[i] = Number.isFinite(v) ? v : null;
    }
  }
  return out;
}

/**
 * `JSON.stringify(toJsonData(tensor))`, written directly (no intermediate array): the response's hot
 * path. Same text: finite numbers print as JSON.stringify prints them, NaN/Infinity as null.
 */
export function jsonDataText(tensor: WireTensor): string {
  const { data, datatype } = tensor;
  if (Array.isArray(data)) return JSON.stringify(data);
  let out = "[";
  for (let i = 0; i < data.length; i++) {
    if (i > 0) out += ",";
    if (datatype === "BOOL") out += data[i] !== 0 ? "true" : "false";
    else {
      const v = datatype === "FP16" ? fromHalf(data[i] as number) : Number(data[i]);
      out += Number.isFinite(v) ? String(v) : "null";
    }
  }
  return `${out}]`;
}

/** Raw little-endian bytes of a tensor (binary tensor data extension); BYTES as 4-byte length + UTF-8. */
export function toBinary(tensor: WireTensor): Buffer {
  const { data } = tensor;
  if (Array.isArray(data)) {
    const parts: Buffer[] = [];
    for (const s of data) {
      const bytes = Buffer.from(s, "utf8");
      const len = Buffer.allocUnsafe(4);
      len.writeUInt32LE(bytes.length, 0);
      parts.push(len, bytes);
    }
    return Buffer.concat(parts);
  }
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** Decodes raw little-endian bytes into a tensor's data; returns an error message on a size mismatch. */
export function fromBinary(datatype: Datatype, bytes: Uint8Array, count: number): TensorData | string {
  if (datatype === "BYTES") {
    const out: string[] = [];
    const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let offset = 0;
    while (offset < view.length) {
      if (offset + 4 > view.length) return "truncated BYTES element length";
      const len = view.readUInt32LE(offset);
      offset += 4;
      if (offset + len > view.length) return "BYTES element runs past the end of its data";
      out.push(view.toString("utf8", offset, offset + len));
      offset += len;
    }
    if (out.length !== count) return `has ${out.length} BYTES elements but its shape needs ${count}`;
    return out;
  }
  const size = bytesPerElement(datatype);
  if (bytes.byteLength !== count * size) {
    return `has ${bytes.byteLength} bytes but its shape needs ${count * size} (${count} × ${size})`;
  }
  const target = allocate(datatype, count) as NumericData;
  new Uint8Array(target.buffer).set(bytes);
  return target;
}
