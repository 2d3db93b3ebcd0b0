#!/bin/sh
# Lays azemu's binaries out the way the container image expects them, stripped:
#   install-binaries.sh BUILD_DIR DEST
# DEST/usr/local/bin/azemu, DEST/usr/local/lib/azemu/{azemu-guest-agent,azemu-ade-handler,libazemu-uml-xstate.so}.
# The Dockerfile's build stage runs it on its own build; `docker/dev.sh image --prebuilt` runs it on the
# binaries CI built in the same run (no second compile).
set -eu
BUILD=${1:?usage: install-binaries.sh BUILD_DIR DEST}
DEST=${2:?usage: install-binaries.sh BUILD_DIR DEST}
for f in azemu azemu-guest-agent azemu-ade-handler libazemu-uml-xstate.so; do
  [ -f "$BUILD/bin/$f" ] || { echo "install-binaries: $BUILD/bin/$f missing (build it first)" >&2; exit 1; }
done
install -D -m 0755 -s "$BUILD/bin/azemu" "$DEST/usr/local/bin/azemu"
install -D -m 0755 -s "$BUILD/bin/azemu-guest-agent" "$DEST/usr/local/lib/azemu/azemu-guest-agent"
install -D -m 0755 -s "$BUILD/bin/azemu-ade-handler" "$DEST/usr/local/lib/azemu/azemu-ade-handler"
install -D -m 0755 -s "$BUILD/bin/libazemu-uml-xstate.so" "$DEST/usr/local/lib/azemu/libazemu-uml-xstate.so"
