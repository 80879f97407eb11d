import { HttpError, parseJsonLenient } from "./http-util.js";
import type { RawInput } from "./validation.js";

/**
 * The JSON (and binary-extension) envelope of a V2 inference request: parsing, the binary part handed to
 * its inputs, and which outputs the caller asked for and in which form. Tensor decoding and contract
 * validation are `validation.ts` (general) and `fast-request.ts` (the common all-JSON shape).
 */

/** A parsed request body; `inputs` are raw until `decodeInputs` checks them. */
export interface InferRequest {
  id?: unknown;
  parameters?: Record<string, unknown>;
  inputs?: unknown;
  outputs?: unknown;
}

export function parseRequest(body: Buffer, headerLength: string | string[] | undefined): InferRequest {
  let jsonPart = body;
  let binary: Buffer | undefined;
  if (headerLength !== undefined) {
    const n = Number(headerLength);
    if (!Number.isInteger(n) || n < 0 || n > body.length) {
      throw new HttpError(
        400,
        `Inference-Header-Content-Length ${String(headerLength)} does not fit the ${body.length}-byte body`,
      );
    }
    jsonPart = body.subarray(0, n);
    binary = body.subarray(n);
  }
  let parsed: unknown;
  try {
    parsed = parseJsonLenient(jsonPart.toString("utf8"));
  } catch (error) {
    throw new HttpError(400, `malformed JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new HttpError(400, "the request body must be a JSON object with `inputs`");
  }
  const request = parsed as InferRequest;
  if (
    request.parameters !== undefined &&
    (typeof request.parameters !== "object" ||
      request.parameters === null ||
      Array.isArray(request.parameters))
  ) {
    throw new HttpError(400, "`parameters` must be an object");
  }
  if (!Array.isArray(request.inputs)) throw new HttpError(400, "`inputs` must be an array of tensors");
  let offset = 0;
  for (const input of request.inputs as RawInput[]) {
    if (typeof input !== "object" || input === null) continue;
    const params = input.parameters as { binary_data_size?: unknown } | undefined;
    const size = params && typeof params === "object" ? params.binary_data_size : undefined;
    if (size === undefined) continue;
    if (!binary)
      throw new HttpError(
        400,
        `input '${String(input.name)}' has binary_data_size but the request has no binary part`,
      );
    if (!Number.isInteger(size) || (size as number) < 0 || offset + (size as number) > binary.length) {
      throw new HttpError(
        400,
        `input '${String(input.name)}': binary_data_size ${String(size)} runs past the end of the body`,
      );
    }
    input.binary = binary.subarray(offset, offset + (size as number));
    offset += size as number;
  }
  if (binary && offset !== binary.length) {
    throw new HttpError(400, `the binary part has ${binary.length - offset} bytes that no input claims`);
  }
  return request;
}

export function requestedOutputs(request: InferRequest, outputNames: string[]): string[] {
  if (request.outputs === undefined) return outputNames;
  if (!Array.isArray(request.outputs)) throw new HttpError(400, "`outputs` must be an array of {name}");
  const names: string[] = [];
  for (const o of request.outputs as { name?: unknown }[]) {
    const name = typeof o === "object" && o !== null ? o.name : undefined;
    if (typeof name !== "string") throw new HttpError(400, "each requested output needs a string `name`");
    if (!outputNames.includes(name)) {
      throw new HttpError(400, `unknown output '${name}' (the model has: ${outputNames.join(", ")})`);
    }
    if (!names.includes(name)) names.push(name);
  }
  return names.length > 0 ? names : outputNames;
}

export function binaryWanted(request: InferRequest, output: string): boolean {
  if (Array.isArray(request.outputs)) {
    for (const o of request.outputs as { name?: unknown; parameters?: { binary_data?: unknown } }[]) {
      if (o && o.name === output && o.parameters && typeof o.parameters.binary_data === "boolean")
        return o.parameters.binary_data;
    }
  }
  return request.parameters?.binary_data_output === true;
}
