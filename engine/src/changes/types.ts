/**
 * The semantic change set between two registry states: what a pull request changes, in the terms a
 * reviewer and a policy care about. Plain JSON data (no position objects), snake_case like the registry,
 * so it goes into the policy input unchanged. Every item carries `file` and `line` of the YAML node
 * responsible, so a violation can be annotated on the right line.
 */
import type { CompatibilityMode, Datatype, ModelDeployment, Semver } from "../registry/types.js";

export type ChangeKind = "added" | "changed" | "removed";

/** Where a change sits: repository-relative file and 1-based line. */
export interface ChangeLocation {
  file: string;
  line: number;
}

/** A document (model card, SLO, environment, waiver, contract) that appeared, changed or disappeared. */
export interface DocumentChange extends ChangeLocation {
  name: string;
  kind: ChangeKind;
  /** JSON pointers (inside the file) of the values that differ; empty for added/removed. */
  changed_pointers: string[];
}

export type BumpKind = "initial" | "major" | "minor" | "patch" | "prerelease" | "not-increasing" | "invalid";

export interface MetricDelta {
  metric: string;
  proposed: number;
  current: number;
  /** proposed - current */
  delta: number;
  higher_is_better: boolean;
  /** How much worse the proposed value is (positive = worse, negative = better). */
  regression: number;
}

export interface SliceGap {
  attribute: string;
  metric: string;
  /** max - min of the metric across the attribute's slices */
  gap: number;
  best_slice: string;
  worst_slice: string;
}

export interface VersionChange extends ChangeLocation {
  model: string;
  version: Semver;
  kind: ChangeKind;
  /** For added versions: against the latest version of the model that existed at base. */
  bump?: BumpKind;
  /** The latest version that existed at base (the bump was judged against it). */
  previous?: Semver;
  /** True for an edit of a version that existed at base: versions are immutable. */
  immutable_edit: boolean;
  /** For edits: JSON pointers of the values that differ (each with its own line). */
  edits: { pointer: string; line: number }[];
  /** Whole days since lineage.trained_at (floor), when known. */
  age_days?: number;
  /** For added versions: fairness gaps per slice attribute and metric. */
  slice_gaps?: SliceGap[];
}

export type FieldChangeKind =
  | "field_added"
  | "field_removed"
  | "type_widened"
  | "type_narrowed"
  | "type_changed"
  | "nullable_added"
  | "nullable_removed"
  | "range_widened"
  | "range_narrowed"
  | "range_shifted"
  | "categories_added"
  | "categories_removed"
  | "shape_changed";

export type FieldDirection = "input" | "output";

export interface FieldChange extends ChangeLocation {
  direction: FieldDirection;
  field: string;
  change: FieldChangeKind;
  /** Human-readable detail, e.g. "INT32 -> INT64" or "max 5000 -> 1000". */
  detail: string;
  /** The new schema reads data written under the old one. */
  backward_ok: boolean;
  /** The old schema reads data written under the new one. */
  forward_ok: boolean;
  /** Verdict for the contract's compatibility mode and the field's direction. */
  compatible: boolean;
}

export interface TransitiveCheck {
  against_version: Semver;
  compatible: boolean;
  breaking: FieldChange[];
}

export interface ContractChange extends ChangeLocation {
  name: string;
  kind: ChangeKind;
  mode?: CompatibilityMode;
  from_version?: Semver;
  to_version?: Semver;
  /** Bump of the contract's own version (base -> head). */
  version_bump?: BumpKind;
  field_changes: FieldChange[];
  /** True when every field change is compatible for the mode (and every transitive check passes). */
  compatible: boolean;
  breaking_count: number;
  /** For *_TRANSITIVE modes: the checks against earlier versions. */
  transitive?: TransitiveCheck[];
  /** How the transitive history was obtained, e.g. "git history (3 versions)" or "base only". */
  transitive_basis?: string;
  changed_pointers: string[];
  /** Owners of the consumers declared at base and head (for approvals of breaking changes). */
  consumer_owners: string[];
}

export interface TrafficSide {
  traffic: ModelDeployment["traffic"];
  shadow?: ModelDeployment["shadow"];
}

export interface TrafficChange extends ChangeLocation {
  environment: string;
  model: string;
  kind: ChangeKind;
  before: TrafficSide | null;
  after: TrafficSide | null;
}

export type PlacementRole = "stable" | "canary" | "shadow";

/** A version that serves in an environment at head in a role it did not have at base. */
export interface Placement extends ChangeLocation {
  environment: string;
  model: string;
  version: Semver;
  role: PlacementRole;
  /** Traffic weight (percent) for stable/canary, mirrored percent for shadow. */
  weight: number;
  /** The version was not in this environment's file for this model at base (any role). */
  new_to_environment: boolean;
  /** The model had no deployment in this environment at base. */
  model_new_to_environment: boolean;
  /** From modelgate.yaml: the environment a version must have served in first. */
  promote_from?: string;
  /** The version is present in the promote_from environment's file at base or head. */
  served_in_promote_from?: boolean;
  protected: boolean;
  /** The stable version serving here at base (highest weight), if any. */
  current_stable?: Semver;
  metric_deltas: MetricDelta[];
  age_days?: number;
}

export interface ChangeSet {
  base_revision?: string;
  head_revision?: string;
  /** Paths of every changed file (git diff when known, else derived from the documents). */
  files: string[];
  config: DocumentChange[];
  models: DocumentChange[];
  versions: VersionChange[];
  contracts: ContractChange[];
  slos: DocumentChange[];
  environments: DocumentChange[];
  waivers: DocumentChange[];
  traffic: TrafficChange[];
  placements: Placement[];
  /** Models touched in any way (card, version, contract they use, traffic). */
  touched_models: string[];
}

export type { Datatype };
