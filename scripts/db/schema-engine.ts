// Prisma's schema engine compiled to WebAssembly, driven through adapter-pg. This is how the project
// computes migration SQL offline: the native schema-engine binary cannot be downloaded here.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";

export const SCHEMA_PATH = join(process.cwd(), "prisma", "schema.prisma");

// PostgreSQL's internal one-byte "char" type (OID 18) appears in the catalogs the engine introspects
// (pg_constraint.contype, pg_class.relkind...). adapter-pg has no mapping for it and throws, while
// the engine reads those columns as characters. So: the pool reports such fields as text (which
// adapter-pg accepts) and remembers their positions on the rows array, and the adapter wrapper
// below relabels them with the driver-adapter "Character" column type the engine expects.
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
const CHARACTER_COLUMN_TYPE = 6; // ColumnTypeEnum.Character in @prisma/driver-adapter-utils
const CHAR_COLUMNS = Symbol("charColumns");

type Rows = unknown[] & { [CHAR_COLUMNS]?: number[] };

function reportCharAsText<T>(result: T): T {
  if (!(result instanceof Promise)) return result;
  return result.then((res: pg.QueryResult | undefined) => {
    const charColumns: number[] = [];
    res?.fields?.forEach((field, index) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        charColumns.push(index);
      }
    });
    if (res && charColumns.length) (res.rows as Rows)[CHAR_COLUMNS] = charColumns;
    return res;
  }) as T;
}

// adapter-pg queries through both the pool (plain statements) and checked-out clients
// (transactions), always in promise form.
class CatalogFriendlyClient extends pg.Client {
  override query(...args: unknown[]): never {
    return reportCharAsText((super.query as (...a: unknown[]) => unknown)(...args)) as never;
  }
}

class CatalogFriendlyPool extends pg.Pool {
  override query(...args: unknown[]): never {
    return reportCharAsText((super.query as (...a: unknown[]) => unknown)(...args)) as never;
  }
}

type RawResult = { columnTypes: number[]; rows: Rows };
type Queryable = { queryRaw(query: unknown): Promise<RawResult>; startTransaction?(...a: unknown[]): Promise<Queryable> };

function relabelCharColumns<T extends Queryable>(queryable: T): T {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of result.rows[CHAR_COLUMNS] ?? []) result.columnTypes[index] = CHARACTER_COLUMN_TYPE;
    return result;
  };
  const startTransaction = queryable.startTransaction?.bind(queryable);
  if (startTransaction) queryable.startTransaction = async (...a) => relabelCharColumns(await startTransaction(...a));
  return queryable;
}

function catalogFriendlyFactory(connectionString: string) {
  const pool = new CatalogFriendlyPool({ connectionString, Client: CatalogFriendlyClient, max: 2 });
  const factory = new PrismaPg(pool) as unknown as { connect(): Promise<Queryable> };
  const connect = factory.connect.bind(factory);
  factory.connect = async () => relabelCharColumns(await connect());
  return { factory, close: () => pool.end().catch(() => undefined) };
}

type Engine = {
  diff(params: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
};

// The wasm glue reports Rust panics through this global; without it a panic surfaces as an
// unrelated TypeError. Keep the last message so the thrown error can name it.
let lastPanic = "";
(globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
  set_message(message: string) {
    lastPanic = message;
  },
};
export function lastSchemaEnginePanic(): string {
  return lastPanic;
}

let wasmReady: Promise<void> | undefined;
function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmPath = join(dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")), "schema_engine_bg.wasm");
    const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {
      "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
    });
    (glue as unknown as { __wbg_set_wasm(exports: unknown): void }).__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  })();
  return wasmReady;
}

async function withEngine<T>(connectionString: string, schema: string, run: (engine: Engine) => Promise<T>): Promise<T> {
  await loadWasm();
  const { factory, close } = catalogFriendlyFactory(connectionString);
  const SchemaEngine = (glue as unknown as { SchemaEngine: { new: (o: unknown, log: (l: string) => void, a: unknown) => Promise<Engine> } }).SchemaEngine;
  const engine = await SchemaEngine.new({ datamodels: [[SCHEMA_PATH, schema]] }, () => undefined, bindMigrationAwareSqlAdapterFactory(factory as never));
  try {
    return await run(engine);
  } finally {
    engine.free();
    await close();
  }
}

const FILTERS = { externalTables: ["public._prisma_migrations"], externalEnums: [] };

/** SQL that turns the database at `connectionString` into what `schema` describes ("" when equal). */
export async function diffDatabaseToSchema(connectionString: string, schema = readFileSync(SCHEMA_PATH, "utf8")): Promise<string> {
  return withEngine(connectionString, schema, async (engine) => {
    // The engine reads DDL through the adapter without a prisma/migrations context, so it only
    // ignores tables that a SchemaFilter names; the history table is ours, not the schema's.
    const files = [{ path: SCHEMA_PATH, content: schema }];
    const result = await engine.diff({
      from: { tag: "schemaDatasource", files, configDir: process.cwd() },
      to: { tag: "schemaDatamodel", files },
      script: true,
      exitCode: true,
      filters: FILTERS,
    });
    // exitCode 2 means "non-empty diff"; an empty diff still prints a comment line.
    return result.exitCode === 2 ? (result.stdout ?? "").trim() : "";
  });
}
