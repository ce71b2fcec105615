// Reading the stored inventory of one sandbox.
import "server-only";
import { db } from "@/lib/db";

export async function listStoredConnections(sandboxName: string, take = 100) {
  return db.connection.findMany({ where: { sandboxName }, orderBy: { name: "asc" }, take });
}
