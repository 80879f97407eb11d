import type { Batcher } from "./batcher.js";
import type { LoadedVersion } from "./model-repository.js";
import type { DecisionEvaluator } from "./decision.js";

/** One servable version of a model in the routing table. */
export interface VersionRoute {
  readonly loaded: LoadedVersion;
  readonly batcher: Batcher | undefined;
  readonly role: "stable" | "canary" | "shadow" | "explicit";
}

/** How one model's requests are routed. Immutable once built. */
export interface ModelRoute {
  readonly name: string;
  /** Every version reachable through `/versions/{v}` (traffic, shadow). */
  readonly versions: ReadonlyMap<string, VersionRoute>;
  /** Versions with a positive weight, with cumulative weights normalised to 1. */
  readonly weighted: readonly { version: string; upTo: number }[];
  readonly shadow: { version: string; fraction: number } | undefined;
  readonly validation: "reject" | "log";
  readonly decision: DecisionEvaluator | undefined;
}

/**
 * Everything the request path needs to route, in one immutable object. `applyEnvironment` builds a new
 * table and replaces the server's reference in one assignment: a request sees the old table or the new
 * one, never a mix.
 */
export class RoutingTable {
  constructor(
    readonly environment: string,
    readonly models: ReadonlyMap<string, ModelRoute>,
  ) {}

  static empty(): RoutingTable {
    return new RoutingTable("", new Map());
  }

  /** Every loaded version the table references. */
  loadedVersions(): Set<LoadedVersion> {
    const out = new Set<LoadedVersion>();
    for (const m of this.models.values()) for (const v of m.versions.values()) out.add(v.loaded);
    return out;
  }
}

/** FNV-1a 32-bit hash of a string, mapped to [0, 1). */
export function hashUnit(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // Final avalanche (murmur3 fmix32) so that similar keys spread evenly.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** Picks the answering version: by the routing key's hash (sticky) or at random by weight. */
export function pickVersion(
  route: ModelRoute,
  routingKey: string | undefined,
  random: () => number,
): VersionRoute | undefined {
  const point = routingKey !== undefined ? hashUnit(`${route.name}\u0000${routingKey}`) : random();
  for (const w of route.weighted) {
    if (point < w.upTo) return route.versions.get(w.version);
  }
  const last = route.weighted[route.weighted.length - 1];
  return last ? route.versions.get(last.version) : undefined;
}

/** Whether this request is mirrored to the shadow version (sticky per routing key too). */
export function pickShadow(
  route: ModelRoute,
  routingKey: string | undefined,
  random: () => number,
): VersionRoute | undefined {
  const shadow = route.shadow;
  if (!shadow || shadow.fraction <= 0) return undefined;
  const point =
    routingKey !== undefined ? hashUnit(`${route.name}\u0000shadow\u0000${routingKey}`) : random();
  return point < shadow.fraction ? route.versions.get(shadow.version) : undefined;
}
