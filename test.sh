#!/usr/bin/env bash
# Runs every test: makes sure a PostgreSQL server is installed and running on 127.0.0.1 (the PostgreSQL secret
# store tests need one) and the reference's npm packages are installed (the client tests run them), then runs dotnet
# test over the solution. Extra arguments go to dotnet test.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "PostgreSQL is not installed; install it (Debian: apt-get install postgresql) or run this as root." >&2
    exit 1
  fi
  echo "Installing PostgreSQL (Debian package)..."
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $1" "$2}')
if [ -z "$cluster" ]; then
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  pg_createcluster "$version" main >/dev/null
  cluster="$version main"
fi
# shellcheck disable=SC2086
if ! pg_lsclusters --no-header | awk -v c="$cluster" '$1" "$2==c {print $4}' | grep -q online; then
  pg_ctlcluster $cluster start
fi
port=$(pg_lsclusters --no-header | awk -v c="$cluster" '$1" "$2==c {print $3}')

run_psql() { runuser -u postgres -- psql -p "$port" -v ON_ERROR_STOP=1 -qtAc "$1"; }
if [ "$(run_psql "SELECT 1 FROM pg_roles WHERE rolname = 'wisp_test'")" != "1" ]; then
  run_psql "CREATE ROLE wisp_test LOGIN PASSWORD 'wisp_test' CREATEDB"
fi
if [ "$(run_psql "SELECT 1 FROM pg_database WHERE datname = 'wisp_test'")" != "1" ]; then
  run_psql "CREATE DATABASE wisp_test OWNER wisp_test"
fi

# The reference implementation's XRPC server and client (pinned in tests/reference/package-lock.json), for the client tests.
if [ ! -d tests/reference/node_modules ] || [ tests/reference/package-lock.json -nt tests/reference/node_modules ]; then
  (cd tests/reference && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

# Each test gets its own database made from this connection (see tests/Wisp.Xrpc.Tests/PostgresDatabase.cs).
export WISP_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=wisp_test;Password=wisp_test;Database=wisp_test"

dotnet test Wisp.Xrpc.Generators.sln "$@"
