# syntax=docker/dockerfile:1
# Custodian: one image for the API, the worker and the one-shot migration (docker-compose.yml picks
# the command). Debian (glibc), not Alpine: the Temporal SDK's native core bridge and @swc/core ship
# glibc builds.

FROM node:20-bookworm-slim AS build
# No install-time telemetry from dependencies that carry it.
ENV SCARF_ANALYTICS=false
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# Builds whatever the project builds (e.g. the web app) when it has a `build` script; then drops the
# dev dependencies so the runtime stage copies only what runs.
RUN npm run --if-present build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Owned by root and read-only for the process: the app writes nothing to its own directory.
COPY --from=build /app /app
USER node
EXPOSE 3000
ENTRYPOINT ["/bin/sh", "/app/deploy/docker-entrypoint.sh"]
CMD ["api"]
