# The standalone Node server (next.config.ts: output "standalone") in a small image, run as an
# unprivileged user with a health check. Build and run:
#   docker build -t overlay-lab .
#   docker run -p 3000:3000 -e DATABASE_URL=postgres://… -e BETTER_AUTH_SECRET=… -e PUBLIC_URL=https://… overlay-lab
# Migrations run under an advisory lock on the first request. To run them once at deploy instead (and set
# MIGRATE_ON_START=off on the servers), use the build stage, which has the whole project:
#   docker build --target build -t overlay-lab-build . && docker run --rm -e DATABASE_URL=… overlay-lab-build npm run db:migrate

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
COPY sim-core/package.json sim-core/
# npm ci applies patches/ (postinstall: patch-package) to the installed packages.
COPY patches patches
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS run
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
# server.js with its traced node_modules, migrations, content and the Markdown worker; the static files
# and public/ beside it (npm run build copies them in too: scripts/standalone-assets.mjs).
COPY --from=build --chown=root:root /app/.next/standalone ./
# The `node` user (uid 1000) of the base image: it can read the app, not change it. Without DATABASE_URL
# the embedded database would need a writable PGLITE_DIR: use PostgreSQL in production.
USER node
EXPOSE 3000
# Liveness only (no database): a database restart must not get healthy instances restarted.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "server.js"]
