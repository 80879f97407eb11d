import { mkdir, open, readdir, readFile, rename, writeFile, appendFile } from "node:fs/promises";
import { join } from "node:path";

/** JSON records in the engine's state folder; every write is a temp file renamed into place. */
export class StateStore {
  constructor(readonly root: string) {}

  async read<T>(collection: string, key: string): Promise<T | undefined> {
    try {
      return JSON.parse(await readFile(join(this.root, collection, `${key}.json`), "utf8")) as T;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  }

  async write(collection: string, key: string, value: unknown): Promise<void> {
    const dir = join(this.root, collection);
    await mkdir(dir, { recursive: true });
    const temp = join(dir, `.${key}.${process.pid}.${Date.now()}.tmp`);
    await writeFile(temp, `${JSON.stringify(value, null, 2)}\n`);
    await rename(temp, join(dir, `${key}.json`));
  }

  async list<T>(collection: string): Promise<T[]> {
    let names: string[];
    try {
      names = await readdir(join(this.root, collection));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
    const keys = names.filter((n) => n.endsWith(".json") && !n.startsWith(".")).map((n) => n.slice(0, -5));
    const out: T[] = [];
    for (const key of keys) {
      const value = await this.read<T>(collection, key);
      if (value !== undefined) out.push(value);
    }
    return out;
  }

  /** Claims the next free number in a collection (exclusive create, so two processes never share one). */
  async claimNumber(collection: string): Promise<number> {
    const dir = join(this.root, collection);
    await mkdir(dir, { recursive: true });
    const taken = (await readdir(dir))
      .map((n) => /^(\d+)\.(json|claim)$/.exec(n)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number);
    for (let candidate = Math.max(0, ...taken) + 1; ; candidate++) {
      try {
        const handle = await open(join(dir, `${candidate}.claim`), "wx");
        await handle.close();
        return candidate;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
    }
  }

  async append(file: string, line: unknown): Promise<void> {
    await mkdir(this.root, { recursive: true });
    await appendFile(join(this.root, file), `${JSON.stringify(line)}\n`);
  }

  async readLines<T>(file: string): Promise<T[]> {
    try {
      const text = await readFile(join(this.root, file), "utf8");
      return text
        .split("\n")
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as T);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
  }
}
