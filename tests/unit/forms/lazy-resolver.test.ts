import { describe, expect, it, vi } from "vitest";
import type { Resolver, ResolverOptions, ResolverResult } from "react-hook-form";
import { lazyResolver } from "@/components/forms/lazy-resolver";

type Values = { email: string };
const options = { fields: {}, shouldUseNativeValidation: false } as ResolverOptions<Values>;

const rejectsEmpty: Resolver<Values> = async (values): Promise<ResolverResult<Values>> => {
  if (values.email) return { values, errors: {} };
  return { values: {}, errors: { email: { type: "required", message: "Enter your email." } } };
};

describe("lazyResolver", () => {
  it("loads the real resolver on the first check only, and answers with its result", async () => {
    const load = vi.fn(async () => rejectsEmpty);
    const { resolver } = lazyResolver<Values>(load);
    expect(load).not.toHaveBeenCalled();

    const refused = await resolver({ email: "" }, undefined, options);
    expect(refused.errors.email?.message).toBe("Enter your email.");
    const accepted = await resolver({ email: "ops@example.com" }, undefined, options);
    expect(accepted).toEqual({ values: { email: "ops@example.com" }, errors: {} });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("shares one load between a preload and checks that start before it finishes", async () => {
    let finish: (resolver: Resolver<Values>) => void = () => undefined;
    const load = vi.fn(() => new Promise<Resolver<Values>>((resolve) => (finish = resolve)));
    const { resolver, preload } = lazyResolver<Values>(load);
    preload();
    const checks = Promise.all([resolver({ email: "" }, undefined, options), resolver({ email: "a@b.c" }, undefined, options)]);
    finish(rejectsEmpty);
    const [first, second] = await checks;
    expect(Object.keys(first.errors)).toEqual(["email"]);
    expect(second.errors).toEqual({});
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("tries the load again after it failed (a chunk that could not be fetched)", async () => {
    const load = vi.fn<() => Promise<Resolver<Values>>>().mockRejectedValueOnce(new Error("Failed to fetch dynamically imported module")).mockResolvedValue(rejectsEmpty);
    const { resolver } = lazyResolver<Values>(load);
    await expect(resolver({ email: "" }, undefined, options)).rejects.toThrow("Failed to fetch");
    await expect(resolver({ email: "" }, undefined, options)).resolves.toMatchObject({ errors: { email: { type: "required" } } });
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("lets a failed preload go quietly and load again on the first check", async () => {
    const load = vi.fn<() => Promise<Resolver<Values>>>().mockRejectedValueOnce(new Error("Failed to fetch dynamically imported module")).mockResolvedValue(rejectsEmpty);
    const { resolver, preload } = lazyResolver<Values>(load);
    preload(); // an unhandled rejection here would fail this test file
    await new Promise((resolve) => setTimeout(resolve, 0));
    await expect(resolver({ email: "a@b.c" }, undefined, options)).resolves.toEqual({ values: { email: "a@b.c" }, errors: {} });
    expect(load).toHaveBeenCalledTimes(2);
  });
});
