#!/usr/bin/env bash
# Fails when schema.graphql, the migrations or the generated hooks are out of date.
set -euo pipefail
cd "$(dirname "$0")/.."
pnpm --filter @workapi/api schema:check
pnpm --filter @workapi/api migration:check
pnpm codegen >/dev/null
git diff --exit-code -- packages/client/src/generated
