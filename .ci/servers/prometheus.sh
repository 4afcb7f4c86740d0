#!/usr/bin/env bash
# Prometheus for test/rollout/gates/prometheus.test.ts: only the Debian
# package's binary. The tests start their own server on a free port with a
# temporary config and data directory, so the packaged service is kept from
# starting (it would only hold :9090 and scrape nothing).
set -euo pipefail

if command -v prometheus >/dev/null 2>&1; then
  echo "prometheus.sh: $(prometheus --version 2>&1 | head -n 1) already installed"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

# Package lists are refreshed only when apt knows no candidate (a fresh
# container has none; a runner image usually has recent ones).
if ! apt-cache policy prometheus 2>/dev/null | grep -q 'Candidate: [0-9]'; then
  $sudo apt-get update -qq
fi

# policy-rc.d answering 101 tells invoke-rc.d and deb-systemd-invoke not to
# start services during the install; one that was already there is left alone.
policy=/usr/sbin/policy-rc.d
own_policy=""
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
  $sudo chmod 755 "$policy"
  own_policy=1
fi
cleanup() { if [ -n "$own_policy" ]; then $sudo rm -f "$policy"; fi; }
trap cleanup EXIT

# Quiet unless it fails: debconf and invoke-rc.d chatter on stderr even when all is well.
log=$(mktemp)
if ! $sudo apt-get install -y -qq --no-install-recommends -o Dpkg::Use-Pty=0 prometheus >"$log" 2>&1; then
  cat "$log" >&2
  exit 1
fi
rm -f "$log"

# On a systemd machine the unit stays enabled; stop it for good, should anything have started it.
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  $sudo systemctl disable --now prometheus >/dev/null 2>&1 || true
fi

echo "prometheus.sh: installed $(prometheus --version 2>&1 | head -n 1)"
