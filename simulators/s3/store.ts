/**
 * In-memory bucket and object store of the S3 test server, with optional
 * persistence to a data folder (one JSON file: fine for demo-sized data,
 * which is all this server is for).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { S3BucketInput, S3ObjectInput, StoredBucket, StoredObject } from "./types";

type SavedState = {
  buckets: {
    name: string;
    region: string;
    createdAt: string;
    objects: { key: string; body: string; contentType: string; lastModified: string }[];
  }[];
};

function guessContentType(key: string): string {
  const ext = key.slice(key.lastIndexOf(".") + 1).toLowerCase();
  const types: Record<string, string> = {
    csv: "text/csv",
    json: "application/json",
    jsonl: "application/x-ndjson",
    parquet: "application/vnd.apache.parquet",
    txt: "text/plain",
    xml: "application/xml",
  };
  return types[ext] ?? "application/octet-stream";
}

export class ObjectStore {
  readonly buckets = new Map<string, StoredBucket>();
  private readonly file?: string;

  constructor(
    private readonly defaultRegion: string,
    dataDir?: string,
  ) {
    if (dataDir) {
      mkdirSync(dataDir, { recursive: true });
      this.file = join(dataDir, "s3-state.json");
      this.load();
    }
  }

  /** Creates the bucket if missing; objects given are added or replaced. */
  addBucket(input: S3BucketInput): StoredBucket {
    let bucket = this.buckets.get(input.name);
    if (!bucket) {
      bucket = {
        name: input.name,
        region: input.region ?? this.defaultRegion,
        createdAt: input.createdAt ?? new Date(),
        objects: new Map(),
      };
      this.buckets.set(input.name, bucket);
    }
    for (const object of input.objects ?? []) this.putInto(bucket, object);
    this.save();
    return bucket;
  }

  putObject(bucketName: string, object: S3ObjectInput): StoredObject {
    const bucket = this.buckets.get(bucketName);
    if (!bucket) throw new Error(`No bucket named ${bucketName} on this S3 test server.`);
    const stored = this.putInto(bucket, object);
    this.save();
    return stored;
  }

  getObject(bucketName: string, key: string): StoredObject | undefined {
    return this.buckets.get(bucketName)?.objects.get(key);
  }

  deleteObject(bucketName: string, key: string): boolean {
    const deleted = this.buckets.get(bucketName)?.objects.delete(key) ?? false;
    if (deleted) this.save();
    return deleted;
  }

  private putInto(bucket: StoredBucket, object: S3ObjectInput): StoredObject {
    const body = typeof object.body === "string" ? Buffer.from(object.body, "utf8") : Buffer.from(object.body);
    const stored: StoredObject = {
      key: object.key,
      body,
      contentType: object.contentType ?? guessContentType(object.key),
      // S3's ETag for a single-part upload is the hex MD5 of the body.
      etag: `"${createHash("md5").update(body).digest("hex")}"`,
      lastModified: object.lastModified ?? new Date(),
    };
    bucket.objects.set(object.key, stored);
    return stored;
  }

  private load(): void {
    if (!this.file || !existsSync(this.file)) return;
    const state = JSON.parse(readFileSync(this.file, "utf8")) as SavedState;
    for (const saved of state.buckets) {
      const bucket: StoredBucket = {
        name: saved.name,
        region: saved.region,
        createdAt: new Date(saved.createdAt),
        objects: new Map(),
      };
      for (const o of saved.objects) {
        this.putInto(bucket, {
          key: o.key,
          body: Buffer.from(o.body, "base64"),
          contentType: o.contentType,
          lastModified: new Date(o.lastModified),
        });
      }
      this.buckets.set(bucket.name, bucket);
    }
  }

  private save(): void {
    if (!this.file) return;
    const state: SavedState = {
      buckets: [...this.buckets.values()].map((b) => ({
        name: b.name,
        region: b.region,
        createdAt: b.createdAt.toISOString(),
        objects: [...b.objects.values()].map((o) => ({
          key: o.key,
          body: o.body.toString("base64"),
          contentType: o.contentType,
          lastModified: o.lastModified.toISOString(),
        })),
      })),
    };
    // Write then rename, so a crash never leaves a half-written state file.
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(state));
    renameSync(tmp, this.file);
  }
}
