/** Values that cross the WASM boundary: what JSON can carry. */
export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };

/** Injected time source (tests pass a fake). */
export interface PolicyClock {
  now(): Date;
}
