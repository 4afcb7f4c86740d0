#!/usr/bin/env bash
# PostgreSQL and unleash-server for test/rollout/providers/unleash.test.ts.
# Installs only; the test starts (and stops) its own throwaway cluster and server.
# Idempotent: a second run finds both and returns at once.
#
# unleash-server stays out of package.json: it is large and only this one test
# needs it. 7.5.1 is the newest release that runs on Node 20 (7.6+ needs 22).
set -euo pipefail

UNLEASH_VERSION=7.5.1
UNLEASH_DIR="${ROLLGATE_UNLEASH_DIR:-$HOME/.cache/rollgate-servers/unleash}"
started=$(date +%s)

have_initdb() {
  command -v initdb >/dev/null 2>&1 || compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null
}

if ! have_initdb; then
  echo "unleash.sh: installing PostgreSQL from Debian"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  # The test creates its own cluster; skip the package's default one (and its start-up).
  $sudo mkdir -p /etc/postgresql-common/createcluster.d
  echo 'create_main_cluster = false' | $sudo tee /etc/postgresql-common/createcluster.d/rollgate.conf >/dev/null
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi

installed=$(node -p "try { require('$UNLEASH_DIR/node_modules/unleash-server/package.json').version } catch { '' }")
if [ "$installed" != "$UNLEASH_VERSION" ]; then
  echo "unleash.sh: installing unleash-server $UNLEASH_VERSION into $UNLEASH_DIR"
  mkdir -p "$UNLEASH_DIR"
  # A package.json of its own, so npm never walks up into a project that happens to be a parent.
  [ -f "$UNLEASH_DIR/package.json" ] || echo '{ "name": "rollgate-unleash-server", "private": true }' >"$UNLEASH_DIR/package.json"
  # --prefer-offline: a machine that installed it before re-uses its npm cache without revalidating (45 s cold, under 20 s warm).
  (cd "$UNLEASH_DIR" && npm install --omit=dev --omit=optional --ignore-scripts --prefer-offline --no-audit --no-fund --loglevel=error \
    "unleash-server@$UNLEASH_VERSION")
fi

echo "unleash.sh: PostgreSQL and unleash-server $UNLEASH_VERSION ready in $(($(date +%s) - started))s"
