#!/bin/sh
# Install, initialise and start a PostgreSQL server for diary's tests, then print the
# URL to put in DIARY_TEST_POSTGRES (the only line written to stdout; progress goes to
# stderr), so a CI script can say:
#
#     DIARY_TEST_POSTGRES="$(.ci/postgres.sh)" && export DIARY_TEST_POSTGRES
#
# Runs as root on Debian (or Ubuntu) and is idempotent: a second run finds the packages,
# the cluster, the role and the database already there and only starts what is stopped.
#
# It makes its own cluster ("diary-ci", port $DIARY_PG_PORT, default 5433) instead of
# touching the distribution's "main" cluster, listening on 127.0.0.1 only, with a login
# role "diary" (CREATEDB: the tests make one database per test) trusted from 127.0.0.1
# without a password. Durability is switched off (fsync, synchronous_commit,
# full_page_writes) because it is a throwaway test server: never point it at real data.
#
# Environment: DIARY_PG_PORT (5433), DIARY_PG_CLUSTER (diary-ci), DIARY_PG_USER (diary).
set -eu

PORT="${DIARY_PG_PORT:-5433}"
CLUSTER="${DIARY_PG_CLUSTER:-diary-ci}"
ROLE="${DIARY_PG_USER:-diary}"
DATABASE="$ROLE"

say() { echo "postgres.sh: $*" >&2; }

if [ "$(id -u)" != 0 ]; then
    say "run me as root (I install packages and start a server as the postgres user)"
    exit 1
fi

# 1. The packages: the server and Debian's cluster tools (pg_createcluster, pg_ctlcluster).
if ! command -v pg_createcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    say "installing postgresql with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends postgresql postgresql-client >&2
fi
VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
BIN="/usr/lib/postgresql/$VERSION/bin"
[ -x "$BIN/postgres" ] || { say "no server binary in $BIN"; exit 1; }

# 2. The cluster, made once.
CONF="/etc/postgresql/$VERSION/$CLUSTER"
if [ ! -f "$CONF/postgresql.conf" ]; then
    say "creating cluster $VERSION/$CLUSTER on port $PORT"
    pg_createcluster "$VERSION" "$CLUSTER" --port "$PORT" --start-conf manual >&2
fi
mkdir -p "$CONF/conf.d"
cat > "$CONF/conf.d/diary-tests.conf" <<EOF
# Written by diary's .ci/postgres.sh: a throwaway test server.
listen_addresses = '127.0.0.1'
port = $PORT
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
EOF
HBA="$CONF/pg_hba.conf"
RULE="host    all    $ROLE    127.0.0.1/32    trust"
if ! grep -qxF "$RULE" "$HBA"; then
    # pg_hba.conf is read top down: the trust rule must come before the password rules.
    { echo "# diary tests (.ci/postgres.sh)"; echo "$RULE"; cat "$HBA"; } > "$HBA.new"
    chown postgres:postgres "$HBA.new"
    chmod 640 "$HBA.new"
    mv "$HBA.new" "$HBA"
    RELOAD=1
fi

# 3. Running: start it if it is down, reload it if its rules changed.
if pg_ctlcluster "$VERSION" "$CLUSTER" status >/dev/null 2>&1; then
    if [ "${RELOAD:-0}" = 1 ]; then pg_ctlcluster "$VERSION" "$CLUSTER" reload >&2; fi
else
    say "starting cluster $VERSION/$CLUSTER"
    pg_ctlcluster "$VERSION" "$CLUSTER" start >&2
fi
i=0
until runuser -u postgres -- "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; do
    i=$((i + 1))
    if [ "$i" -ge 30 ]; then say "the server did not come up on 127.0.0.1:$PORT"; exit 1; fi
    sleep 1
done

# 4. The role and its database (the tests connect to it and create one database per test).
psql_admin() { runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PORT" -d postgres "$@"; }
if [ "$(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" != 1 ]; then
    say "creating role $ROLE"
    psql_admin -c "CREATE ROLE \"$ROLE\" LOGIN CREATEDB" >&2
fi
if [ "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" != 1 ]; then
    say "creating database $DATABASE"
    psql_admin -c "CREATE DATABASE \"$DATABASE\" OWNER \"$ROLE\"" >&2
fi

echo "postgresql+psycopg://$ROLE@127.0.0.1:$PORT/$DATABASE"
