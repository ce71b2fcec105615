// A react-hook-form resolver whose validation (zod and the shared schema, about 31 KB gzip) loads
// on the form's first check instead of with the page: a page that only shows a form should not pay
// for validating it before anyone types. The server action parses with the same schema.
import type { FieldValues, Resolver } from "react-hook-form";
import { loadOnce } from "./load-once";

export type ResolverLoader<Values extends FieldValues, Context = unknown> = () => Promise<Resolver<Values, Context>>;

/** Loads the real resolver once, on the first validation (or earlier through `preload`). */
export function lazyResolver<Values extends FieldValues, Context = unknown>(load: ResolverLoader<Values, Context>): { resolver: Resolver<Values, Context>; preload: () => void } {
  const get = loadOnce(load);
  return {
    resolver: async (values, context, options) => (await get())(values, context, options),
    preload: () => void get().catch(() => undefined),
  };
}
