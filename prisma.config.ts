import { defineConfig, env } from "prisma/config";

// The Prisma CLI is used only for `generate` here (see scripts/prisma-generate.mjs); migrations are
// created and applied by scripts/db because the schema-engine binary cannot be downloaded offline.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: env("DATABASE_URL") },
});
