"""The orchestrator's probes: `/livez` and `/readyz` (core/probes.py)."""

import threading
import time

from django.db import connection

import pytest

from core import probes

# What a Kubernetes probe sends: the pod's IP as host, plain HTTP, no cookies.
POD = {"HTTP_HOST": "10.42.0.17:8000"}


@pytest.fixture
def production_host(settings):
    settings.ALLOWED_HOSTS = ["jeugdregio.example.org"]
    settings.SECURE_SSL_REDIRECT = True


@pytest.fixture
def fresh_check(monkeypatch):
    """No readiness check left running by another test."""
    monkeypatch.setattr(probes, "_check_in_flight", None)


def test_livez_answers_on_any_host_without_redirect_session_or_database(client, production_host):
    # No django_db mark: a database query would fail the test.
    response = client.get("/livez", **POD)
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")
    assert "Set-Cookie" not in response.headers and not response.cookies


def test_other_pages_still_refuse_an_unknown_host_and_redirect_to_https(client, production_host):
    assert client.get("/accounts/login/", **POD).status_code == 400
    redirect = client.get("/accounts/login/", HTTP_HOST="jeugdregio.example.org")
    assert redirect.status_code == 301
    assert redirect["Location"].startswith("https://")


def test_only_the_exact_paths_are_probes(client, production_host):
    assert client.get("/livez/", **POD).status_code == 400
    assert client.get("/livez", **POD).status_code == 200
    assert client.post("/livez", **POD).status_code == 405
    head = client.head("/livez", **POD)
    assert head.status_code == 200 and head.content == b""


@pytest.mark.django_db
def test_readyz_answers_200_when_the_database_answers_and_is_migrated(
    client, production_host, fresh_check
):
    response = client.get("/readyz", **POD)
    assert response.status_code == 200, response.content
    assert response.content == b"ok\n"
    assert not response.cookies


@pytest.mark.django_db
def test_readyz_answers_503_when_a_migration_is_not_applied(client, monkeypatch, fresh_check):
    expected = probes.expected_migrations() | {(("governance", "9999_nog_niet_toegepast"), ())}
    monkeypatch.setattr(probes, "_expected_migrations", expected)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.content.decode() == (
        "migraties niet toegepast: 1 (governance.9999_nog_niet_toegepast)\n"
    )


@pytest.mark.django_db
def test_a_squashed_migration_counts_as_applied_when_what_it_replaces_is(
    client, monkeypatch, fresh_check
):
    applied = sorted(key for key, _replaces in probes.expected_migrations())[:2]
    squashed = (("governance", "0001_squashed"), tuple(applied))
    monkeypatch.setattr(probes, "_expected_migrations", probes.expected_migrations() | {squashed})
    assert client.get("/readyz").status_code == 200


@pytest.mark.django_db
def test_readyz_answers_503_when_the_database_is_unreachable(
    client, monkeypatch, tmp_path, fresh_check
):
    unreachable = probes.database_settings()
    if connection.vendor == "sqlite":
        unreachable["NAME"] = str(tmp_path / "geen-map" / "db.sqlite3")
    else:
        unreachable.update(HOST="127.0.0.1", PORT="1")
    monkeypatch.setattr(probes, "database_settings", lambda: unreachable)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.content.decode().startswith("database: onbereikbaar (OperationalError)")


@pytest.mark.django_db
def test_a_check_that_breaks_is_not_ready(client, monkeypatch, fresh_check):
    def broken(*args):
        raise RuntimeError("onvoorzien")

    monkeypatch.setattr(probes, "_database_problem", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.content.decode() == "controle mislukt (zie het log)\n"


@pytest.mark.django_db
def test_readyz_gives_up_after_its_timeout_and_recovers(client, settings, monkeypatch, fresh_check):
    """A database that does not answer: 503 in time, one waiting check at most, then 200 again."""
    settings.READINESS_TIMEOUT = 0.3
    released = threading.Event()
    real_check = probes._check_database

    def hanging_check(*args):
        released.wait(10)
        real_check(*args)

    monkeypatch.setattr(probes, "_check_database", hanging_check)
    started = time.monotonic()
    first = client.get("/readyz")
    assert time.monotonic() - started < 1.5
    assert first.status_code == 503
    assert first.content.decode() == "database: geen antwoord binnen 0.3 s\n"
    # While that check still waits, no second one is started.
    second = client.get("/readyz")
    assert second.content.decode() == "database: de vorige controle wacht nog op antwoord\n"
    released.set()
    probes._check_in_flight.join(5)
    assert client.get("/readyz").status_code == 200


@pytest.mark.django_db
def test_healthz_keeps_answering_as_before(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


# --- a frozen PostgreSQL ------------------------------------------------------------------------


@pytest.fixture
def own_cluster():
    """A PostgreSQL cluster of this test alone, so that freezing it stops nobody else."""
    import tempfile
    from pathlib import Path

    from tests.bench.run import Postgres, find_pg_bindir

    bindir = find_pg_bindir()
    if bindir is None:
        pytest.skip("geen PostgreSQL-serverbinaries om een eigen cluster te starten")
    workdir = Path(tempfile.mkdtemp(prefix="jeugdregio-readyz."))
    workdir.chmod(0o755)  # the postgres user must reach its directory inside
    cluster = Postgres(bindir, workdir)
    try:
        cluster.start()
        cluster.create_database("readyz")
        yield cluster
    finally:
        cluster.stop()
        import shutil

        shutil.rmtree(workdir, ignore_errors=True)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="alleen op PostgreSQL, zoals in productie"
)
@pytest.mark.django_db
def test_readyz_answers_503_in_time_while_postgresql_is_frozen_and_recovers(
    client, monkeypatch, own_cluster, fresh_check
):
    import os
    import signal

    import psycopg

    # The test database's migration records, copied into the test's own cluster.
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations")
        applied = cursor.fetchall()
    dsn = f"host=127.0.0.1 port={own_cluster.port} user=postgres dbname=readyz"
    with psycopg.connect(dsn, autocommit=True) as own:
        own.execute("CREATE TABLE django_migrations (app text, name text, applied timestamptz)")
        with own.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO django_migrations VALUES (%s, %s, now())", [tuple(r) for r in applied]
            )
    target = probes.database_settings()
    target.update(HOST="127.0.0.1", PORT=str(own_cluster.port), NAME="readyz", USER="postgres")
    target["PASSWORD"] = ""
    monkeypatch.setattr(probes, "database_settings", lambda: dict(target))
    assert client.get("/readyz").status_code == 200

    postmaster = int((own_cluster.dir / "data" / "postmaster.pid").read_text().split()[0])
    os.kill(postmaster, signal.SIGSTOP)
    try:
        started = time.monotonic()
        frozen = client.get("/readyz")
        elapsed = time.monotonic() - started
    finally:
        os.kill(postmaster, signal.SIGCONT)
    assert frozen.status_code == 503
    assert frozen.content.decode().startswith("database: ")
    assert elapsed < 3.0

    # Resumed: ready again as soon as the abandoned check has ended.
    deadline = time.monotonic() + 15
    while True:
        response = client.get("/readyz")
        if response.status_code == 200 or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert response.status_code == 200, response.content


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="alleen op PostgreSQL, zoals in productie"
)
@pytest.mark.django_db
def test_postgresql_connections_have_a_statement_timeout(settings):
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "30s"
    assert settings.DATABASES["default"]["OPTIONS"]["connect_timeout"] == 5


@pytest.mark.django_db
def test_readyz_answers_503_when_the_shared_directory_is_missing(
    client, settings, tmp_path, fresh_check
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "niet-aangekoppeld")},
        },
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert "opslag: map" in response.content.decode()
    (tmp_path / "niet-aangekoppeld").mkdir()
    assert client.get("/readyz").status_code == 200


@pytest.mark.django_db
def test_readyz_answers_503_when_the_object_store_does_not_answer(
    client, settings, monkeypatch, fresh_check
):
    from django.core.files.storage import default_storage

    class Unreachable:
        def exists(self, name):
            raise ConnectionError("geen verbinding")

    monkeypatch.setattr(default_storage, "_wrapped", Unreachable())
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.content.decode() == "opslag: onbereikbaar (ConnectionError)\n"
