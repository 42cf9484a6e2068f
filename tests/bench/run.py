"""`make bench`: what the product costs, over HTTP, with the ZHZ data and at national scale.

On a throwaway database (PostgreSQL when its server binaries are present; SQLite otherwise,
loudly), per scale: the data (at national scale `generate_scale_data --regions 42`, whose largest
region has about 30 municipalities), a user per role in the measured region (ZHZ, or the largest
generated region) and the platform administrator, a project with 150 efforts and regional letters
to 1, 10 and 25 councils. Then gunicorn with gunicorn.conf.py (its own timeout, as production)
and one background worker, and:

- every main page of every role, each request followed by a /healthz request (the floor, one
  SELECT 1), repeated --repeats times: p50/p95, the ratio to the floor, the spread;
- CSV and XLSX exports, the dashboard PDF and a long export as background jobs, the regional
  letter batch (time until the job page says done, and the ratio to a letter to one council);
- 1, 4 and 16 concurrent clients on the dashboard and the project list (throughput, p95);
- /livez and the project list idle and while nine dashboard PDFs are queued;
- in-process at ZHZ scale, the one-page letter PDF beside WeasyPrint on a plain page in the same
  fonts, alternately.

Prints a table and writes JSON to --out. It reports and never fails on time: the exit status is
0 unless the set-up itself breaks. Not a test module (pytest collects test_*.py only).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: `python tests/bench/run.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    __package__ = "tests.bench"

from . import scenarios  # noqa: E402
from .cluster import (  # noqa: E402
    NATIONAL_REGIONS,
    PY,
    Gunicorn,
    Postgres,
    SetupError,
    Worker,
    banner,
    find_pg_bindir,
    log,
    prepare_database,
    production_timeout,
    run,
)
from .report import print_table  # noqa: E402

SETUP = str(Path(__file__).resolve().parent / "setup_data.py")


def load_average() -> list[float]:
    return [round(load, 2) for load in os.getloadavg()]


def _attempt(results: dict, what: str, function, *args):
    """A measurement that breaks is noted, never the end of the bench."""
    try:
        return function(*args)
    except Exception as error:  # report it and measure the rest
        results["notes"].append(f"{what}: niet gemeten ({type(error).__name__}: {error})")
        return None


def bench_scale(scale: str, env: dict, workdir: Path, args, results: dict) -> None:
    log(f"== {scale}: database vullen")
    info = prepare_database(env, national=scale == "national")
    if "generate_seconds" in info:
        log(f"  generate_scale_data --regions {NATIONAL_REGIONS}: {info['generate_seconds']} s")
        results["generate_seconds"] = info["generate_seconds"]
    setup_file = workdir / f"setup-{scale}.json"
    run([PY, SETUP, scale, str(setup_file), str(args.pdf_repeats)], env=env, what="de opzet")
    setup = json.loads(setup_file.read_text())
    results["regions"][scale] = setup["region"]
    results["pdf"].extend({**pdf, "scale": scale} for pdf in setup["pdf"])
    plan = scenarios.page_plan(setup)
    pages_file, counts_file = workdir / f"pages-{scale}.json", workdir / f"counts-{scale}.json"
    pages_file.write_text(json.dumps(plan))
    log(f"== {scale}: query-aantallen (test Client)")
    run([PY, SETUP, "counts", str(counts_file), str(pages_file)], env=env, what="query-aantallen")
    counts = json.loads(counts_file.read_text())
    log(f"== {scale}: over HTTP (gunicorn, 2 workers, timeout {production_timeout()} s)")
    with Gunicorn(env, workdir) as server, Worker(env, workdir):
        sessions = scenarios.Sessions(server.base, setup["region"]["pk"], server.timeout + 5)
        rows = scenarios.measure_pages(sessions, plan, scale, args)
        for row in rows:
            row["queries"] = counts.get(row["key"])
        results["pages"] += rows
        nmt = setup["users"]["nmt"]
        log(f"== {scale}: achtergrondtaken")
        for job in (
            _attempt(
                results,
                "dashboard-PDF",
                scenarios.dashboard_pdf_job,
                sessions,
                nmt,
                scale,
                args.job_limit,
            ),
            _attempt(
                results,
                "export als taak",
                scenarios.list_export_job,
                sessions,
                setup["users"]["nmt"],
                scale,
                args.job_limit,
            ),
        ):
            if job:
                results["jobs"].append(job)
        batches = _attempt(
            results,
            "regionale brief",
            scenarios.letter_batches,
            sessions,
            setup,
            scale,
            args.job_limit,
        )
        results["jobs"] += batches or []
        log(f"== {scale}: gelijktijdige clients")
        for name, path in (
            ("programmadashboard", "/programma/"),
            ("projectenlijst", "/programma/projecten/"),
        ):
            for clients in args.clients:
                row = _attempt(
                    results,
                    f"{name} × {clients}",
                    scenarios.concurrent,
                    sessions,
                    path,
                    nmt,
                    clients,
                    args.concurrency_seconds,
                )
                if row:
                    results["concurrency"].append({**row, "name": name, "scale": scale})
        log(f"== {scale}: probes terwijl zware taken lopen")
        results["under_load"] += (
            _attempt(
                results,
                "onder belasting",
                scenarios.probes_under_load,
                sessions,
                setup,
                scale,
                args,
            )
            or []
        )
        results["worker_timeouts"][scale] = server.worker_timeouts()


def main(args) -> int:
    workdir = Path(tempfile.mkdtemp(prefix="jeugdregio-bench."))
    workdir.chmod(0o755)  # the postgres user must reach its directory inside
    postgres: Postgres | None = None
    # A stopped run (Ctrl-C, kill) still cleans up: turn SIGTERM into an exception.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.perf_counter()
    try:
        env = {
            **os.environ,
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "SECURE_SSL_REDIRECT": "false",
            # Plain HTTP on loopback: cookies without the Secure flag, so urllib sends them back.
            "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false",
            "SECURE_HSTS_SECONDS": "0",
            "ALLOWED_HOSTS": "127.0.0.1",
            "STATIC_ROOT": str(workdir / "static"),
            "MEDIA_ROOT": str(workdir / "media"),
            "LOG_LEVEL": "ERROR",
        }
        env.pop("STATICFILES_BACKEND", None)  # production storage: the manifest
        log("== collectstatic")
        static_env = {"DATABASE_URL": "sqlite://:memory:", **env}
        run(
            [PY, "manage.py", "collectstatic", "--noinput", "-v0"],
            env=static_env,
            what="collectstatic",
        )
        bindir = None if args.sqlite else find_pg_bindir()
        if bindir:
            postgres = Postgres(bindir, workdir)
            postgres.start()
            database = f"{postgres.version()} (poort {postgres.port})"
            log(f"== PostgreSQL: {database}")
        else:
            database = "SQLite"
            why = "--sqlite gevraagd" if args.sqlite else "geen PostgreSQL-serverbinaries gevonden"
            banner(
                [
                    f"LET OP: {why}; de meting draait op SQLite.",
                    "Latentie en query-plannen zijn dan niet die van productie.",
                ]
            )
        results: dict = {
            "database": database,
            "gunicorn_timeout": production_timeout(),
            "load_average_start": load_average(),
            "cpu_count": os.cpu_count(),
            "options": {key: value for key, value in vars(args).items() if key != "out"},
            "regions": {},
            "pages": [],
            "pdf": [],
            "jobs": [],
            "concurrency": [],
            "under_load": [],
            "notes": [],
            "worker_timeouts": {},
        }
        for scale in args.scales:
            scale_env = dict(env)
            if postgres:
                scale_env["DATABASE_URL"] = postgres.create_database(f"bench_{scale}")
            else:
                scale_env["DATABASE_URL"] = f"sqlite:///{workdir / f'{scale}.sqlite3'}"
            bench_scale(scale, scale_env, workdir, args, results)
            # What is measured so far, in case a later scale is stopped.
            Path(args.out).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
        results["load_average_end"] = load_average()
        results["minutes"] = round((time.perf_counter() - started) / 60, 1)
        print_table(results)
        log(f"\nDuur {results['minutes']} min; resultaten geschreven naar {args.out}")
        Path(args.out).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
        return 0
    except SetupError as error:
        log(f"FOUT bij het opzetten van de meting: {error}")
        return 1
    finally:
        if postgres:
            postgres.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def parse_args(argv: list[str]):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.environ.get("BENCH_OUT") or "bench-results.json")
    parser.add_argument("--scale", choices=["zhz", "national", "both"], default="both")
    parser.add_argument(
        "--quick", action="store_true", help="Alleen ZHZ, weinig herhalingen: om te ontwikkelen."
    )
    parser.add_argument("--requests", type=int, default=10, help="Verzoeken per herhaling.")
    parser.add_argument("--repeats", type=int, default=3, help="Herhalingen per pagina.")
    parser.add_argument("--warmup", type=int, default=2, help="Opwarmverzoeken per pagina.")
    parser.add_argument(
        "--page-budget",
        type=float,
        default=6.0,
        help="Seconden per herhaling van een pagina, hoogstens.",
    )
    parser.add_argument("--pdf-repeats", type=int, default=10, help="PDF's per soort.")
    parser.add_argument(
        "--job-limit",
        type=float,
        default=300.0,
        help="Seconden die een taak mag duren voor ze als niet klaar telt.",
    )
    parser.add_argument("--concurrency-seconds", type=float, default=8.0)
    parser.add_argument("--sqlite", action="store_true", help="SQLite, ook als PostgreSQL er is.")
    args = parser.parse_args(argv)
    args.clients = [1, 4, 16]
    if args.quick:
        args.scale = "zhz" if args.scale == "both" else args.scale
        args.requests, args.repeats, args.warmup, args.pdf_repeats = 5, 2, 1, 3
        args.concurrency_seconds, args.clients = 3.0, [1, 4]
    args.scales = ["zhz", "national"] if args.scale == "both" else [args.scale]
    return args


if __name__ == "__main__":
    sys.exit(main(parse_args(sys.argv[1:])))
