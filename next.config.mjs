import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

// Security headers apply to every response. The CSP has no 'unsafe-eval' in production; Next's
// development server needs eval for fast refresh, so dev relaxes only that.
const isDev = process.env.NODE_ENV !== "production";

const csp = [
  "default-src 'self'",
  // Next inlines its bootstrap scripts; nonces would force every page to render dynamically.
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
  "base-uri 'self'",
  "object-src 'none'",
].join("; ");

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // What the container image runs (Dockerfile) and what every test runs: a self-contained server.js
  // with only the node_modules files it uses.
  output: "standalone",
  // Trace from this folder, whatever lockfiles sit in the folders above it (worktrees, CI caches).
  outputFileTracingRoot: dirname(fileURLToPath(import.meta.url)),
  // Read at run time, not imported: readiness compares them with the database's history, and the
  // server applies them at start (instrumentation.ts).
  outputFileTracingIncludes: { "/*": ["./prisma/migrations/**/*"] },
  // `npm test` type-checks the whole repository (app, scripts, simulators, tests) as its first
  // step; repeating a partial check inside every build only slows `npm start` and the e2e build.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  typedRoutes: false,
  serverExternalPackages: ["pg", "pg-boss", "@prisma/adapter-pg", "@aws-sdk/client-s3", "undici", "prom-client"],
  experimental: {
    serverActions: { bodySizeLimit: "256kb" },
  },
  async headers() {
    return [
      {
        // An unnamed group, not "/:path*": with a named parameter Next substitutes the parameters
        // into every header value that holds a colon (the CSP's "data:") and so compiles the CSP
        // as a path pattern on every request (bench/HISTORY.md, "The security headers' pattern").
        // Next drops unnamed groups from the parameters, so the values go out as written.
        source: "/(.*)",
        headers: [
          { key: "Content-Security-Policy", value: csp },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
