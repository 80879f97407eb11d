// HTTP calls against a daemon on 127.0.0.1 (Node's fetch), shared by the daemon tests and the demo test.
export async function infer(
  baseUrl: string,
  model: string,
  x: number,
): Promise<{ status: number; version?: string; y?: number; body: unknown }> {
  const response = await fetch(`${baseUrl}/v2/models/${model}/infer`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ inputs: [{ name: "x", datatype: "FP32", shape: [1, 1], data: [x] }] }),
  });
  const body = (await response.json()) as {
    model_version?: string;
    outputs?: { name: string; data: number[] }[];
  };
  const y = body.outputs?.find((o) => o.name === "y")?.data[0];
  return { status: response.status, version: body.model_version, y, body };
}

export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  return (await response.json()) as T;
}

/** Polls `check` every 20 ms until it returns a value other than undefined (or fails after `timeoutMs`). */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 15_000,
  what = "condition",
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
