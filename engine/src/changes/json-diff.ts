/** Escapes one JSON pointer segment (RFC 6901). */
export function pointerSegment(key: string | number): string {
  return String(key).replace(/~/g, "~0").replace(/\//g, "~1");
}

export function joinPointer(base: string, ...keys: (string | number)[]): string {
  return base + keys.map((k) => `/${pointerSegment(k)}`).join("");
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * JSON pointers of the leaves where two plain values differ (an added or removed key counts as a
 * difference at that key; arrays are compared element by element, a length change at the extra indexes).
 */
export function diffPointers(before: unknown, after: unknown, base = ""): string[] {
  if (Object.is(before, after)) return [];
  if (Array.isArray(before) && Array.isArray(after)) {
    const out: string[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      if (i >= before.length || i >= after.length) out.push(joinPointer(base, i));
      else out.push(...diffPointers(before[i], after[i], joinPointer(base, i)));
    }
    return out;
  }
  if (isObject(before) && isObject(after)) {
    const out: string[] = [];
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const key of [...keys].sort()) {
      if (!(key in before) || !(key in after)) out.push(joinPointer(base, key));
      else out.push(...diffPointers(before[key], after[key], joinPointer(base, key)));
    }
    return out;
  }
  return [base];
}

export function deepEqual(a: unknown, b: unknown): boolean {
  return diffPointers(a, b).length === 0;
}
