import type { WireTensor } from "./tensors.js";
import type { CompiledField, DecodedInputs } from "./validation.js";

/**
 * One pass over the bytes of the most common inference request — `{"id"?, "inputs": [{"name",
 * "datatype", "shape", "data"}, ...]}` with FP32, FP64 or BYTES inputs, flat data, every value valid for
 * the contract — straight into typed arrays, without building the JSON object tree first.
 *
 * It only ever answers for requests that the general path (`parseRequest` + `decodeInputs`) accepts,
 * with the same tensors: anything else (other keys, `parameters`, `outputs`, nested data, escapes or
 * non-ASCII in strings, null, NaN tokens, a value out of range, an unknown category, a missing input, a
 * shape that does not fit) returns undefined and the request takes the general path from the start, so
 * error messages and validation counts come from one place only. Its grammar is a subset of JSON's, and
 * a duplicated key also falls back (JSON.parse keeps the last one).
 */
export interface FastRequest {
  id: string | undefined;
  decoded: DecodedInputs;
}

const enum Ch {
  Tab = 9,
  Lf = 10,
  Cr = 13,
  Space = 32,
  Quote = 34,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Zero = 48,
  Nine = 57,
  Colon = 58,
  E = 69,
  LBracket = 91,
  Backslash = 92,
  RBracket = 93,
  e = 101,
  LBrace = 123,
  RBrace = 125,
}

const KEY_ID = ascii("id");
const KEY_INPUTS = ascii("inputs");
const KEY_NAME = ascii("name");
const KEY_DATATYPE = ascii("datatype");
const KEY_SHAPE = ascii("shape");
const KEY_DATA = ascii("data");

/**
 * The contract's names, datatypes and categories as bytes, so that the parser compares bytes and makes
 * no string for them (a Buffer-to-string call costs more than the whole comparison).
 */
interface FastField {
  name: string;
  nameBytes: Uint8Array;
  /** This input's bit in the mask of inputs already read. */
  bit: number;
  datatypeBytes: Uint8Array;
  compiled: CompiledField;
  categories: { bytes: Uint8Array; value: string }[] | undefined;
}
const fastContracts = new WeakMap<Map<string, CompiledField>, FastField[]>();

function fastContract(contract: Map<string, CompiledField>): FastField[] {
  let fields = fastContracts.get(contract);
  if (!fields) {
    fields = [...contract.entries()].map(([name, compiled]) => ({
      name,
      nameBytes: Buffer.from(name, "utf8"),
      bit: 0,
      datatypeBytes: ascii(compiled.field.datatype),
      compiled,
      categories: compiled.field.categories
        ?.filter((c): c is string => typeof c === "string")
        .map((value) => ({ bytes: Buffer.from(value, "utf8"), value })),
    }));
    fields.forEach((f, i) => (f.bit = i < 30 ? 1 << i : 0)); // beyond 30 inputs: general path
    fastContracts.set(contract, fields);
  }
  return fields;
}

function ascii(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

/** Exact powers of ten as doubles (10^22 is the largest exactly representable). */
const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
/** Marker for "not in the fast subset": thrown inside the parser, caught once at the top. */
const BAIL = new Error("not in the fast subset");

/** The parser's state: fields of one reused object (faster than module or closure variables). */
class FastParser {
  buf: Buffer = EMPTY;
  pos = 0;
  end = 0;
  /** The bytes of the string that `readRange` read last: [strStart, strEnd). */
  strStart = 0;
  strEnd = 0;
  datatypeStart = 0;
  datatypeEnd = 0;
  tensor: WireTensor = { datatype: "FP32", dims: [], data: [] };

  parseEnvelope(contract: Map<string, CompiledField>): FastRequest {
    const fields = fastContract(contract);
    this.skipWs();
    this.expect(Ch.LBrace);
    let id: string | undefined;
    let sawId = false;
    let decoded: DecodedInputs | undefined;
    for (;;) {
      this.skipWs();
      this.readKey();
      if (this.rangeIs(KEY_ID) && !sawId) {
        sawId = true;
        id = this.readString();
      } else if (this.rangeIs(KEY_INPUTS) && !decoded) decoded = this.parseInputs(fields);
      else throw BAIL;
      this.skipWs();
      const c = this.next();
      if (c === Ch.RBrace) break;
      if (c !== Ch.Comma) throw BAIL;
    }
    this.skipWs();
    if (this.pos !== this.end || !decoded) throw BAIL;
    return { id, decoded };
  }

  parseInputs(fields: FastField[]): DecodedInputs {
    this.expect(Ch.LBracket);
    const tensors: Record<string, WireTensor> = {};
    let rows = -1;
    let seen = 0;
    let mask = 0;
    for (;;) {
      this.skipWs();
      const field = this.parseTensor(fields, mask);
      mask |= field.bit;
      const tensor = this.tensor;
      tensors[field.name] = tensor;
      seen += 1;
      const first = tensor.dims.length > 0 ? tensor.dims[0]! : 1;
      if (rows === -1) rows = first;
      else if (rows !== first) throw BAIL;
      this.skipWs();
      const c = this.next();
      if (c === Ch.RBracket) break;
      if (c !== Ch.Comma) throw BAIL;
    }
    // every input of the contract, each once (duplicates were refused in parseTensor)
    if (seen !== fields.length || rows < 1) throw BAIL;
    return { tensors, rows, violations: [] };
  }

  /** Reads one input; its tensor is left in `this.tensor`. */
  parseTensor(fields: FastField[], mask: number): FastField {
    this.expect(Ch.LBrace);
    let field: FastField | undefined;
    let datatypeMatches: boolean | undefined;
    let dims: number[] | undefined;
    let data: WireTensor["data"] | undefined;
    for (;;) {
      this.skipWs();
      this.readKey();
      if (this.rangeIs(KEY_NAME) && field === undefined) {
        this.readRange();
        for (const f of fields) if (this.rangeIs(f.nameBytes)) field = f;
        if (!field || field.bit === 0 || (mask & field.bit) !== 0) throw BAIL;
      } else if (this.rangeIs(KEY_DATATYPE) && datatypeMatches === undefined) {
        // compared with the contract's datatype once the name is known
        this.readRange();
        this.datatypeStart = this.strStart;
        this.datatypeEnd = this.strEnd;
        datatypeMatches = true;
      } else if (this.rangeIs(KEY_SHAPE) && dims === undefined) {
        dims = this.readShape();
      } else if (this.rangeIs(KEY_DATA) && data === undefined) {
        // data is read into the contract's type, so name, datatype and shape must come first
        if (!field || datatypeMatches === undefined || dims === undefined) throw BAIL;
        this.strStart = this.datatypeStart;
        this.strEnd = this.datatypeEnd;
        if (!this.rangeIs(field.datatypeBytes)) throw BAIL;
        this.checkShape(dims, field.compiled.field.shape);
        data = this.readData(field, this.elementCount(dims));
      } else throw BAIL;
      this.skipWs();
      const c = this.next();
      if (c === Ch.RBrace) break;
      if (c !== Ch.Comma) throw BAIL;
    }
    if (field === undefined || data === undefined || dims === undefined) throw BAIL;
    this.tensor = { datatype: field.compiled.field.datatype, dims, data };
    return field;
  }

  checkShape(dims: number[], expected: readonly number[]): void {
    if (dims.length !== expected.length || dims.length > 16) throw BAIL;
    for (let i = 0; i < dims.length; i++) {
      const want = expected[i]!;
      if (want >= 0 && dims[i] !== want) throw BAIL;
    }
  }

  elementCount(dims: number[]): number {
    let n = 1;
    for (const d of dims) n *= d;
    if (n > 50_000_000) throw BAIL;
    return n;
  }

  readShape(): number[] {
    this.expect(Ch.LBracket);
    const dims: number[] = [];
    this.skipWs();
    if (this.peek() === Ch.RBracket) {
      this.pos++;
      return dims;
    }
    for (;;) {
      this.skipWs();
      // plain positive integers only ("1.0" or "1e0" are integers to JSON.parse too, but rare: fall back)
      const start = this.pos;
      let v = 0;
      while (this.pos < this.end && this.buf[this.pos]! >= Ch.Zero && this.buf[this.pos]! <= Ch.Nine)
        v = v * 10 + (this.buf[this.pos++]! - Ch.Zero);
      const digits = this.pos - start;
      if (digits === 0 || digits > 9 || this.buf[start] === Ch.Zero) throw BAIL;
      dims.push(v);
      this.skipWs();
      const c = this.next();
      if (c === Ch.RBracket) return dims;
      if (c !== Ch.Comma) throw BAIL;
    }
  }

  readData(fast: FastField, count: number): WireTensor["data"] {
    this.expect(Ch.LBracket);
    const { field, min, max } = fast.compiled;
    const datatype = field.datatype;
    this.skipWs();
    if (datatype === "BYTES") {
      const out = new Array<string>(count);
      const categories = fast.categories;
      for (let i = 0; i < count; i++) {
        if (i > 0) {
          this.skipWs();
          this.expect(Ch.Comma);
          this.skipWs();
        }
        if (categories) {
          this.readRange();
          let value: string | undefined;
          for (const c of categories) if (this.rangeIs(c.bytes)) value = c.value;
          if (value === undefined) throw BAIL;
          out[i] = value;
        } else out[i] = this.readString();
      }
      this.skipWs();
      this.expect(Ch.RBracket);
      return out;
    }
    if (datatype !== "FP32" && datatype !== "FP64") throw BAIL;
    const out = datatype === "FP32" ? new Float32Array(count) : new Float64Array(count);
    for (let i = 0; i < count; i++) {
      if (i > 0) {
        this.skipWs();
        this.expect(Ch.Comma);
        this.skipWs();
      }
      const x = this.readNumber();
      // the general path reports these (non_finite, range); reject or log is its decision
      if (!(x >= min && x <= max) || x === Infinity || x === -Infinity) throw BAIL;
      out[i] = x;
    }
    this.skipWs();
    this.expect(Ch.RBracket);
    return out;
  }

  /**
   * A JSON number, exactly as JSON.parse reads it: with at most 15 significant digits and a decimal
   * exponent within ±22 both operands of the one multiplication or division are exact doubles, so the
   * result is correctly rounded (Clinger's fast path); anything longer goes through Number(), which
   * rounds correctly too, once the text is known to be a JSON number.
   */
  readNumber(): number {
    const start = this.pos;
    let negative = false;
    if (this.peek() === Ch.Minus) {
      negative = true;
      this.pos++;
    }
    let mantissa = 0;
    let digits = 0;
    let c = this.peek();
    if (c === Ch.Zero) {
      this.pos++;
      c = this.peek();
      if (c >= Ch.Zero && c <= Ch.Nine) throw BAIL; // leading zero: not JSON
    } else if (c >= Ch.Zero + 1 && c <= Ch.Nine) {
      while (c >= Ch.Zero && c <= Ch.Nine) {
        mantissa = mantissa * 10 + (c - Ch.Zero);
        digits++;
        this.pos++;
        c = this.peek();
      }
    } else throw BAIL;
    let exponent = 0;
    if (c === Ch.Dot) {
      this.pos++;
      c = this.peek();
      if (!(c >= Ch.Zero && c <= Ch.Nine)) throw BAIL;
      while (c >= Ch.Zero && c <= Ch.Nine) {
        mantissa = mantissa * 10 + (c - Ch.Zero);
        digits++;
        exponent--;
        this.pos++;
        c = this.peek();
      }
    }
    if (c === Ch.e || c === Ch.E) {
      this.pos++;
      c = this.peek();
      let expNegative = false;
      if (c === Ch.Plus || c === Ch.Minus) {
        expNegative = c === Ch.Minus;
        this.pos++;
        c = this.peek();
      }
      if (!(c >= Ch.Zero && c <= Ch.Nine)) throw BAIL;
      let e = 0;
      while (c >= Ch.Zero && c <= Ch.Nine) {
        if (e < 100_000) e = e * 10 + (c - Ch.Zero);
        this.pos++;
        c = this.peek();
      }
      exponent += expNegative ? -e : e;
    }
    if (digits <= 15 && exponent >= -22 && exponent <= 22) {
      const x = exponent < 0 ? mantissa / POW10[-exponent]! : mantissa * POW10[exponent]!;
      return negative ? -x : x;
    }
    return Number(this.buf.toString("latin1", start, this.pos));
  }

  /** A string of printable ASCII without escapes (anything else: the general path). */
  readString(): string {
    this.readRange();
    return this.buf.toString("latin1", this.strStart, this.strEnd);
  }

  /** Reads a string like `readString` but only notes where its bytes are (strStart, strEnd). */
  readRange(): void {
    this.expect(Ch.Quote);
    const start = this.pos;
    for (;;) {
      if (this.pos >= this.end) throw BAIL;
      const c = this.buf[this.pos]!;
      if (c === Ch.Quote) break;
      if (c < Ch.Space || c === Ch.Backslash || c >= 0x7f) throw BAIL;
      this.pos++;
    }
    this.strStart = start;
    this.strEnd = this.pos;
    this.pos++;
  }

  rangeIs(bytes: Uint8Array): boolean {
    const n = this.strEnd - this.strStart;
    if (n !== bytes.length) return false;
    for (let i = 0; i < n; i++) if (this.buf[this.strStart + i] !== bytes[i]) return false;
    return true;
  }

  /** An object key: its bytes are left in [strStart, strEnd) for `rangeIs`. */
  readKey(): void {
    this.readRange();
    const start = this.strStart;
    const stop = this.strEnd;
    this.skipWs();
    this.expect(Ch.Colon);
    this.skipWs();
    this.strStart = start;
    this.strEnd = stop;
  }

  skipWs(): void {
    while (this.pos < this.end) {
      const c = this.buf[this.pos]!;
      if (c !== Ch.Space && c !== Ch.Lf && c !== Ch.Cr && c !== Ch.Tab) return;
      this.pos++;
    }
  }

  peek(): number {
    return this.pos < this.end ? this.buf[this.pos]! : -1;
  }

  next(): number {
    return this.pos < this.end ? this.buf[this.pos++]! : -1;
  }

  expect(c: number): void {
    if (this.pos >= this.end || this.buf[this.pos] !== c) throw BAIL;
    this.pos++;
  }
}

const EMPTY = Buffer.alloc(0);
const parser = new FastParser();

export function decodeFastRequest(
  body: Buffer,
  contract: Map<string, CompiledField>,
): FastRequest | undefined {
  parser.buf = body;
  parser.pos = 0;
  parser.end = body.length;
  try {
    return parser.parseEnvelope(contract);
  } catch (error) {
    if (error === BAIL) return undefined;
    throw error;
  } finally {
    parser.buf = EMPTY;
  }
}
