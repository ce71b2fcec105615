// One migrated database per integration run, on the target chosen by TEST_DB_TARGET.
import type { TestProject } from "vitest/node";
import { applyMigrations } from "@/scripts/db/migrations";
import { createScratchDatabase, currentTarget } from "./databases";

export default async function setup(project: TestProject) {
  const database = await createScratchDatabase(currentTarget());
  await applyMigrations(database.url);
  project.provide("databaseUrl", database.url);
  project.provide("databaseTarget", database.target);
  return async () => {
    await database.drop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseTarget: "embedded" | "postgres";
  }
}
