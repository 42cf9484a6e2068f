#!/usr/bin/env bash
# The whole test suite. Starts a throwaway PostgreSQL cluster (initdb + pg_ctl in a temporary
# directory on a free loopback port, removed afterwards) when the server binaries are present,
# and falls back to SQLite loudly when they are not. REQUIRE_POSTGRES=1 and REQUIRE_BROWSER=1
# turn those fallbacks into failures (CI sets both).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${VENV:-.venv}/bin/python

find_pg_bindir() {
  local bindir
  if command -v pg_config >/dev/null 2>&1; then
    bindir=$(pg_config --bindir)
    [ -x "$bindir/initdb" ] && { echo "$bindir"; return; }
  fi
  for bindir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$bindir/initdb" ] && { echo "$bindir"; return; }
  done
  command -v initdb >/dev/null 2>&1 && dirname "$(command -v initdb)"
}

PG_BINDIR=$(find_pg_bindir || true)
if [ -n "$PG_BINDIR" ]; then
  PGTMP=$(mktemp -d /tmp/jeugdregio-pg.XXXXXX)
  PGPORT=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_pg=()
  if [ "$(id -u)" -eq 0 ]; then
    # initdb refuses to run as root: run the cluster as the postgres system user.
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$PGTMP"
    as_pg=(runuser -u postgres --)
  fi
  cleanup() {
    "${as_pg[@]}" "$PG_BINDIR/pg_ctl" -D "$PGTMP/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PGTMP"
  }
  trap cleanup EXIT
  "${as_pg[@]}" "$PG_BINDIR/initdb" -D "$PGTMP/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
  "${as_pg[@]}" "$PG_BINDIR/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" -w \
    -o "-p $PGPORT -k $PGTMP -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" start >/dev/null
  "${as_pg[@]}" "$PG_BINDIR/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres jeugdregio
  export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/jeugdregio"
  export PG_BINDIR
  echo "Tests draaien tegen PostgreSQL ($("$PG_BINDIR/postgres" --version)) op poort $PGPORT."
else
  if [ "${REQUIRE_POSTGRES:-0}" = "1" ]; then
    echo "FOUT: PostgreSQL-serverbinaries niet gevonden, en REQUIRE_POSTGRES=1." >&2
    exit 1
  fi
  # Outside DEBUG the settings want an explicit database: SQLite in memory.
  export DATABASE_URL="sqlite://:memory:"
  echo "################################################################################"
  echo "# LET OP: geen PostgreSQL-serverbinaries gevonden; de tests draaien op SQLite.  #"
  echo "# Constraints, gelijktijdigheid en query-aantallen zijn dan niet die van productie. #"
  echo "################################################################################"
fi

if [ -x /usr/bin/chromium ]; then
  export CHROMIUM_PATH=/usr/bin/chromium
elif [ "${REQUIRE_BROWSER:-0}" = "1" ]; then
  echo "FOUT: Chromium (/usr/bin/chromium) niet gevonden, en REQUIRE_BROWSER=1." >&2
  exit 1
else
  echo "LET OP: geen Chromium gevonden; de browsertests worden overgeslagen."
fi

echo "== ruff"
"${VENV:-.venv}/bin/ruff" check .
"${VENV:-.venv}/bin/ruff" format --check .
echo "== ontbrekende migraties"
"$PY" manage.py makemigrations --check --dry-run
echo "== productie-instellingen (check --deploy)"
DEBUG=false SECRET_KEY="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')" \
  ALLOWED_HOSTS=jeugdregio.example.org SECURE_SSL_REDIRECT=true \
  "$PY" manage.py check --deploy --fail-level WARNING
echo "== pytest"
# Both cores: the tests are independent (each worker has its own test database).
"$PY" -m pytest -p no:cacheprovider --numprocesses=auto "$@"
