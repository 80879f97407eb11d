import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveOpa, type OpaToolchain } from "../../src/policy/index.js";

/** A fresh temp folder and its cleanup. */
export async function makeTempDir(prefix: string): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `modelgate-${prefix}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** The real OPA (scripts/setup-opa.sh builds it); tests never skip for lack of it. */
export function realToolchain(): Promise<OpaToolchain> {
  return resolveOpa();
}

/** A clock that returns a fixed instant, moved by hand. */
export class FakeClock {
  calls = 0;
  constructor(private current: Date) {}
  now(): Date {
    this.calls++;
    return new Date(this.current.getTime());
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
