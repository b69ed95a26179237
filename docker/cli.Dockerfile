# syntax=docker/dockerfile:1.20
# The `keel` command (not a long-running service). Build context: the repository root.
#   docker build -f docker/cli.Dockerfile -t keel-cli .
# With compose: docker compose -f docker/compose.yml run --rm cli health
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
ENV NODE_ENV=production NODE_OPTIONS="--enable-source-maps --disable-warning=TimeoutNegativeWarning"
WORKDIR /app
COPY --from=prod-deps /src/node_modules ./node_modules
COPY --from=build /src/dist/libs ./dist/libs
COPY --from=build /src/dist/apps/cli ./dist/apps/cli
# The image's `node` user; numeric so that Kubernetes runAsNonRoot can verify it. The code stays root-owned.
USER 1000:1000
# Arguments after the image name go to `keel`; without any it prints its help.
ENTRYPOINT ["node", "dist/apps/cli/src/main.js"]
CMD ["--help"]
