import type { ContractField, FeatureBaseline } from "../../registry/types.js";
import type { WireTensor } from "../../serving/index.js";
import type { ColumnSource } from "../drift/monitor.js";

/** Where a monitored feature's values sit in its tensor: the field and, for a matrix, the column. */
export interface FeatureColumn {
  feature: string;
  /** Column within a row; 0 for a single-column field. */
  column: number;
}

/**
 * Which column of each baseline feature the drift monitor reads. A field with one value per row
 * (`[-1]`, `[-1, 1]`) reads column 0. A matrix field (`probabilities` `[-1, 2]`) reads the baseline's
 * optional `column`, else its last column: the positive class of a binary classifier's probabilities,
 * which is what the template's training script writes the baseline from.
 */
export function featureColumns(
  fields: readonly ContractField[],
  baseline: Record<string, FeatureBaseline> | undefined,
): FeatureColumn[] {
  const out: FeatureColumn[] = [];
  for (const [feature, b] of Object.entries(baseline ?? {})) {
    const field = fields.find((f) => f.name === feature);
    const width = field ? rowWidth(field.shape) : 1;
    const explicit = (b as { column?: unknown }).column;
    const column =
      typeof explicit === "number" && Number.isInteger(explicit) && explicit >= 0 && explicit < width
        ? explicit
        : width - 1;
    out.push({ feature, column });
  }
  return out;
}

/** Values per row of a contract shape: the product of every dimension after the batch one (-1 counts as 1). */
export function rowWidth(shape: readonly number[]): number {
  let width = 1;
  for (const d of shape.slice(1)) width *= d > 0 ? d : 1;
  return width;
}

/**
 * The value of `column` in `row` of a tensor, as a number or string (64-bit integers become numbers);
 * undefined when the tensor is absent or too short.
 */
export function cell(tensor: WireTensor | undefined, row: number, column: number): unknown {
  if (!tensor) return undefined;
  const rows = tensor.dims[0] ?? 1;
  const width = rows > 0 ? tensor.data.length / rows : 1;
  const index = row * width + (column < width ? column : 0);
  const value = tensor.data[index];
  return typeof value === "bigint" ? Number(value) : value;
}

/**
 * The monitored columns of a request's tensors as strided views for `DriftMonitor.observeColumns`: row r
 * of a feature is `data[r·width + column]`, read in place. The same values `cell` reads (a column past the
 * tensor's width reads column 0; an absent tensor is missing).
 */
export function columnSources(
  tensors: Readonly<Record<string, WireTensor>> | undefined,
  columns: readonly FeatureColumn[],
): Record<string, ColumnSource | undefined> {
  const out: Record<string, ColumnSource | undefined> = {};
  for (const c of columns) {
    const tensor = tensors?.[c.feature];
    if (!tensor) continue;
    const rows = tensor.dims[0] ?? 1;
    const width = rows > 0 ? tensor.data.length / rows : 1;
    out[c.feature] = { data: tensor.data, offset: c.column < width ? c.column : 0, step: width };
  }
  return out;
}
