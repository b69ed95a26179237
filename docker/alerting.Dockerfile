# syntax=docker/dockerfile:1.20
# Keel alerting service (port 4104). Build context: the repository root.
#   docker build -f docker/alerting.Dockerfile -t keel-alerting .
# Every app image follows this layout; to containerize another app copy this file and change the app name,
# the port and the CMD. The stages before `runtime` are the same in every app's file, so BuildKit builds them
# once for all images. (1.20 is the first Dockerfile syntax where COPY --parents and --exclude are stable.)

FROM node:24-bookworm-slim AS base
WORKDIR /src

# Only the manifests, so `npm ci` stays cached until a package.json or the lockfile changes. Scripts are off:
# the build uses the image's Node, not the npm `node` package, and no dependency needs an install step
# (native modules ship as prebuilt optional packages).
FROM base AS deps
COPY package.json package-lock.json ./
COPY --parents apps/*/package.json libs/*/package.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund

FROM deps AS build
COPY .swcrc tsconfig.base.json ./
COPY --exclude=**/node_modules --exclude=**/dist --exclude=**/.env* apps ./apps
COPY --exclude=**/node_modules --exclude=**/dist --exclude=**/.env* libs ./libs
COPY --exclude=**/node_modules --exclude=**/dist --exclude=**/.env* tools ./tools
RUN node tools/build/build.mjs

# The @keel/* workspace links are dropped: swc already rewrote those imports into relative requires.
FROM base AS prod-deps
COPY package.json package-lock.json ./
COPY --parents apps/*/package.json libs/*/package.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && rm -rf node_modules/@keel

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4104 NODE_OPTIONS="--enable-source-maps --disable-warning=TimeoutNegativeWarning"
WORKDIR /app
COPY --from=prod-deps /src/node_modules ./node_modules
COPY --from=build /src/dist/libs ./dist/libs
COPY --from=build /src/dist/apps/alerting ./dist/apps/alerting
# Rule files and the notification configuration are mounted (see compose.yml), so operators edit them in place.
# The image's `node` user; numeric so that Kubernetes runAsNonRoot can verify it. The code stays root-owned.
USER 1000:1000
EXPOSE 4104
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Migrations first; `exec` then replaces the shell so that SIGTERM reaches Node itself.
CMD ["sh", "-c", "node dist/apps/alerting/src/migrate.js && exec node dist/apps/alerting/src/main.js"]
