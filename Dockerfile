# syntax=docker/dockerfile:1
# The screening service: `docker build -t ledighedsprofil .` then
#   docker run -p 3000:3000 -v lp-data:/app/data \
#     -e CPR_HMAC_SECRET=... -e API_KEYS_FILE=/run/secrets/api-keys.json ledighedsprofil
# The steps are those .ci/run proves on a clean clone: `npm ci` (whose prepare script compiles src/ to
# dist/) in the build stage, `npm ci --omit=dev` for the runtime's node_modules.

# --- build: compile TypeScript -------------------------------------------------------------------
FROM node:20-slim AS build
# better-sqlite3 compiles its native module from source when no prebuilt binary can be fetched.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
RUN npm ci --no-audit --no-fund && npm run build

# --- deps: production dependencies only ----------------------------------------------------------
FROM node:20-slim AS deps
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts skips the package's own prepare (a build needing dev dependencies); the native
# module of better-sqlite3 is then built on its own.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm rebuild better-sqlite3

# --- runtime -------------------------------------------------------------------------------------
FROM node:20-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_URL=sqlite:/app/data/ledighedsprofil.sqlite \
    MODEL_DIR=/app/models
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
# The bundled model (trained on SIMULATED data) and any other artifacts to serve.
COPY models ./models
COPY openapi ./openapi
# The explorer page's script and style sheet (served only with EXPLORER_ENABLED=true in production).
COPY public ./public
# The SQLite file lives on a volume owned by the unprivileged user that runs the service.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 3000
# node:20-slim has no curl: node's own fetch asks /health/ready (database reachable, model loaded).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/service/server.js"]
