#!/bin/sh
# Runs tests/editors/yaml-language-server.test.js; skipped (exit 77, ctest's SKIP_RETURN_CODE) only
# when Node.js is absent. With node but without node_modules/yaml-language-server it fails and
# says to run scripts/bootstrap.
if ! command -v node >/dev/null 2>&1; then
  echo "SKIPPED: node (Node.js) is not installed, so the YAML language server cannot run; scripts/bootstrap installs it"
  exit 77
fi
exec node "$(dirname "$0")/yaml-language-server.test.js" "$@"
