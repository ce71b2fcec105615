/**
 * startS3TestServer: a small, strict S3-compatible server on node:http.
 *
 * Regions, with nothing but loopback sockets:
 *  - The home listener (`endpoint`) stands in for AWS as a whole: it acts as
 *    the regional endpoint of the region a request is signed for, exactly
 *    what the SDK does against AWS. A bucket in another region gets S3's 301
 *    PermanentRedirect naming https://s3.<region>.amazonaws.com-style hosts.
 *    (Set homeServesAllRegions: false to make it a strict us-east-1 endpoint.)
 *  - Every other region in use also gets a strict listener of its own
 *    (`endpointFor(region)`): a bucket of another region gets a 301 naming
 *    that region's local listener, and a request signed for the wrong region
 *    gets AuthorizationHeaderMalformed, as a single-region S3 service does.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createHandler } from "./handler";
import { ObjectStore } from "./store";
import type { S3Account, S3BucketInput, S3ServerOptions, S3TestServer } from "./types";

type Listener = { server: Server; port: number };

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function hostForUrl(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}

export async function startS3TestServer(options: S3ServerOptions): Promise<S3TestServer> {
  const host = options.host ?? "127.0.0.1";
  const homeRegion = options.region ?? "us-east-1";
  const store = new ObjectStore(homeRegion, options.dataDir);
  const accounts = new Map<string, S3Account>(Object.entries(options.accounts));
  const listeners = new Map<string, Listener>();
  const starting = new Map<string, Promise<Listener>>();

  const endpointHost = (region: string) => {
    const listener = listeners.get(region);
    return listener ? `${hostForUrl(host)}:${listener.port}` : undefined;
  };

  function ensureListener(region: string, port = options.regionPorts?.[region] ?? 0, home = false): Promise<Listener> {
    const existing = listeners.get(region);
    if (existing) return Promise.resolve(existing);
    let pending = starting.get(region);
    if (!pending) {
      const server = createServer(
        createHandler({
          store,
          accounts,
          region,
          servesAllRegions: home && (options.homeServesAllRegions ?? true),
          endpointHost,
          maxBodyBytes: options.maxBodyBytes ?? 16 * 1024 * 1024,
          maxSkewMs: options.maxClockSkewMs ?? 15 * 60 * 1000,
          credentialsNow: options.clock ? () => options.clock!.now() : Date.now,
          onRequest: options.onRequest,
        }),
      );
      // Keep-alive sockets from SDK clients must not keep close() waiting.
      server.keepAliveTimeout = 1000;
      pending = listen(server, port, host).then((actualPort) => {
        const listener = { server, port: actualPort };
        listeners.set(region, listener);
        starting.delete(region);
        return listener;
      });
      starting.set(region, pending);
    }
    return pending;
  }

  const home = await ensureListener(homeRegion, options.port ?? 0, true);
  const addBucket = async (bucket: S3BucketInput) => {
    const stored = store.addBucket(bucket);
    await ensureListener(stored.region);
  };
  for (const bucket of options.buckets ?? []) await addBucket(bucket);
  // Buckets loaded from dataDir may live in regions not seeded above.
  for (const bucket of store.buckets.values()) await ensureListener(bucket.region);

  const url = (port: number) => `http://${hostForUrl(host)}:${port}`;

  return {
    endpoint: url(home.port),
    region: homeRegion,
    endpointFor: async (region) => url((await ensureListener(region)).port),
    endpoints: () => Object.fromEntries([...listeners].map(([region, l]) => [region, url(l.port)])),
    addBucket,
    putObject: (bucket, object) => {
      store.putObject(bucket, object);
    },
    getObject: (bucket, key) => store.getObject(bucket, key),
    deleteObject: (bucket, key) => store.deleteObject(bucket, key),
    setAccount: (accessKeyId, account) => {
      accounts.set(accessKeyId, account);
    },
    removeAccount: (accessKeyId) => {
      accounts.delete(accessKeyId);
    },
    close: async () => {
      await Promise.all(starting.values());
      await Promise.all(
        [...listeners.values()].map(
          ({ server }) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      );
      listeners.clear();
    },
  };
}
