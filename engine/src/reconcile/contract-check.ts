import type { Contract, ContractField, Datatype } from "../registry/types.js";

/** One tensor of a loaded session as the runtime sees it; symbolic dims are strings, unknown dims -1. */
export interface SessionTensor {
  name: string;
  /** Open Inference Protocol datatype, or undefined when the tensor type has no V2 equivalent. */
  datatype: Datatype | undefined;
  shape: (number | string)[];
}

export interface SessionSignature {
  inputs: SessionTensor[];
  outputs: SessionTensor[];
}

const ORT_TO_V2: Record<string, Datatype> = {
  bool: "BOOL",
  uint8: "UINT8",
  uint16: "UINT16",
  uint32: "UINT32",
  uint64: "UINT64",
  int8: "INT8",
  int16: "INT16",
  int32: "INT32",
  int64: "INT64",
  float16: "FP16",
  float32: "FP32",
  float64: "FP64",
  string: "BYTES",
};

/** Maps an onnxruntime tensor type name (`float32`, `string`, …) to its V2 datatype. */
export function datatypeFromOrt(type: string): Datatype | undefined {
  return ORT_TO_V2[type];
}

/**
 * Checks a loaded session against the data contract: every contract input is a session input and the
 * reverse, every contract output is a session output, with the same datatype and compatible shapes
 * (`-1` in the contract accepts a symbolic dim; fixed dims must agree). Returns the problems (empty = ok).
 */
export function checkSignature(contract: Contract, signature: SessionSignature): string[] {
  const problems: string[] = [];
  const inputs = new Map(signature.inputs.map((t) => [t.name, t]));
  const outputs = new Map(signature.outputs.map((t) => [t.name, t]));
  for (const field of contract.inputs) {
    const tensor = inputs.get(field.name);
    if (!tensor) problems.push(`contract input ${field.name} is not an input of the model`);
    else problems.push(...compare("input", field, tensor));
  }
  const declared = new Set(contract.inputs.map((f) => f.name));
  for (const tensor of signature.inputs) {
    if (!declared.has(tensor.name))
      problems.push(`model input ${tensor.name} is not in contract ${contract.name}`);
  }
  for (const field of contract.outputs) {
    const tensor = outputs.get(field.name);
    if (!tensor) problems.push(`contract output ${field.name} is not an output of the model`);
    else problems.push(...compare("output", field, tensor));
  }
  return problems;
}

function compare(kind: string, field: ContractField, tensor: SessionTensor): string[] {
  const problems: string[] = [];
  if (tensor.datatype !== field.datatype) {
    problems.push(
      `${kind} ${field.name}: the model has ${tensor.datatype ?? "an unsupported type"}, the contract says ${field.datatype}`,
    );
  }
  if (tensor.shape.length !== field.shape.length) {
    problems.push(
      `${kind} ${field.name}: the model has rank ${tensor.shape.length} [${tensor.shape.join(", ")}], the contract says [${field.shape.join(", ")}]`,
    );
    return problems;
  }
  field.shape.forEach((dim, i) => {
    const actual = tensor.shape[i];
    const fixed = typeof actual === "number" && actual >= 0;
    if (dim >= 0 && fixed && actual !== dim) {
      problems.push(
        `${kind} ${field.name}: dimension ${i} is ${actual} in the model, ${dim} in the contract`,
      );
    } else if (dim < 0 && fixed) {
      problems.push(
        `${kind} ${field.name}: dimension ${i} is fixed at ${actual} in the model, variable in the contract`,
      );
    }
  });
  return problems;
}
