#!/usr/bin/env bash
# Runs every check and test suite of the repository and ends with one summary line:
#   tests: N passed, N failed, N skipped
# Needs MariaDB reachable at WORKAPI_TEST_MYSQL_URL (default
# mysql://workapi:workapi@127.0.0.1:3306, a user allowed to create `workapi_test_%`
# databases) and Chromium at /usr/bin/chromium; `.ci/run` sets both up on a fresh machine.
set -uo pipefail
cd "$(dirname "$0")/.."

results_dir=$(mktemp -d)
trap 'rm -rf "$results_dir"' EXIT
failed_checks=()
passed_checks=0

# Runs one named check; a failure is counted and the remaining checks still run.
check() {
  local name=$1
  shift
  echo "::: $name"
  if "$@"; then
    passed_checks=$((passed_checks + 1))
  else
    failed_checks+=("$name")
    echo "::: FAILED: $name"
  fi
}

check "typecheck" pnpm -r --workspace-concurrency=1 typecheck
check "lint" pnpm lint
check "schema.graphql matches the server" pnpm --filter @workapi/api schema:check
check "migrations match the entities" pnpm --filter @workapi/api migration:check
check "generated hooks match schema.graphql" bash -c 'pnpm codegen >/dev/null && git diff --exit-code -- packages/client/src/generated'

check "API tests on SQLite" env WORKAPI_TEST_DIALECT=sqlite pnpm --filter @workapi/api test --json --outputFile="$results_dir/api-sqlite.json"
check "API tests on MariaDB" env WORKAPI_TEST_DIALECT=mysql pnpm --filter @workapi/api test --json --outputFile="$results_dir/api-mysql.json"
check "build" pnpm -r build
if [ -f apps/console/package.json ] && grep -q '"test:e2e"' apps/console/package.json; then
  check "console browser tests" pnpm --filter @workapi/console test:e2e --json --outputFile="$results_dir/console-e2e.json"
fi

node scripts/summarize-tests.mjs "$results_dir" "$passed_checks" "${#failed_checks[@]}"
if [ "${#failed_checks[@]}" -gt 0 ]; then
  echo "Failed: ${failed_checks[*]}" >&2
  node scripts/summarize-tests.mjs "$results_dir" "$passed_checks" "${#failed_checks[@]}" --line-only
  exit 1
fi
