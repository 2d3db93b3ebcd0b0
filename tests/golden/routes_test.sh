#!/usr/bin/env bash
# The route table is pinned: a route change must show up as a diff of tests/golden/routes.txt in review.
# Regenerate with: build/bin/azemu routes --data-dir "$(mktemp -d)" > tests/golden/routes.txt
set -euo pipefail
DIR=$(cd "$(dirname "$0")" && pwd)
AZEMU_BIN=${AZEMU_BIN:?}
DATA=$(mktemp -d /tmp/azemu-routes-XXXXXX)
trap 'rm -rf "$DATA"' EXIT
if diff -u "$DIR/routes.txt" <("$AZEMU_BIN" routes --data-dir "$DATA"); then
  echo "1 passed, 0 failed"
else
  echo "route table differs from tests/golden/routes.txt (regenerate it if the change is intended)"
  echo "0 passed, 1 failed"
  exit 1
fi
