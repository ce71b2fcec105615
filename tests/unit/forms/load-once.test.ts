import { describe, expect, it, vi } from "vitest";
import { loadOnce } from "@/components/forms/load-once";

describe("loadOnce", () => {
  it("loads on the first call only, and callers that ask while it loads share that load", async () => {
    let finish: (value: string) => void = () => undefined;
    const load = vi.fn(() => new Promise<string>((resolve) => (finish = resolve)));
    const get = loadOnce(load);
    expect(load).not.toHaveBeenCalled();
    const first = get();
    const second = get();
    finish("module");
    await expect(Promise.all([first, second])).resolves.toEqual(["module", "module"]);
    await expect(get()).resolves.toBe("module");
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("forgets a failed load, so the next call tries again", async () => {
    const load = vi.fn<() => Promise<string>>().mockRejectedValueOnce(new Error("Failed to fetch dynamically imported module")).mockResolvedValue("module");
    const get = loadOnce(load);
    await expect(get()).rejects.toThrow("Failed to fetch");
    await expect(get()).resolves.toBe("module");
    expect(load).toHaveBeenCalledTimes(2);
  });
});
