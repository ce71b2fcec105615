# syntax=docker/dockerfile:1
# S3 Source Console, production image: `next build` with output "standalone" (the build every test
# runs), then only that output on a fresh Node 24 image, as an unprivileged user. It expects a
# PostgreSQL DATABASE_URL (no database inside) and applies pending migrations when it starts
# (MIGRATE_ON_START=false to apply them yourself). README: "Operating in production".
#
# The runtime stage is reproduced without Docker by tests/e2e/container.spec.ts, which reads this
# file: its final stage may only use FROM, WORKDIR, ENV, COPY --from=build, USER, EXPOSE,
# HEALTHCHECK, LABEL and CMD.

ARG NODE_IMAGE=node:24-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
# Dependencies first, so a source change reuses this layer. npm ci's postinstall generates the
# Prisma client from the schema.
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts/prisma-generate.mjs scripts/
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
LABEL org.opencontainers.image.title="S3 Source Console"
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
# The V8 heap limits npm start uses too (CONSOLE_HEAP_MB there, scripts/stack/config.ts): the old
# generation, and the young one, which Node 24 would otherwise size from the host's memory (a
# 192 MB young generation on a 24 GB host, and the collector running most of the time under
# load). Set NODE_OPTIONS to change them.
ENV NODE_OPTIONS="--max-old-space-size=192 --max-semi-space-size=16"
# Owned by root and only readable by the app's user: the server never writes next to its code.
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
# The official image's unprivileged user (uid 1000).
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server.js"]
