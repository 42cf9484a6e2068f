"""`make bench`: latency and query counts of the main pages, with ZHZ data and at national scale.

What it does, on a throwaway database (PostgreSQL when its server binaries are present, started
the way .ci/run-tests.sh does; SQLite otherwise, loudly):

1. collectstatic into a temporary STATIC_ROOT (production settings: DEBUG off, manifest storage);
2. per scale, a fresh database: migrate, the ZHZ fixtures, populate_history, demo_accounts; at
   national scale also `generate_scale_data --regions 42` (timed);
3. an in-process pass with Django's test Client and CaptureQueriesContext: which pages answer,
   their query counts, a progress report to print, WeasyPrint alone on the print HTML;
4. gunicorn (gunicorn.conf.py, 2 workers) on 127.0.0.1 and a free port; each page requested
   over real HTTP as a demo user (urllib with a cookie jar, logged in through the login form),
   sequentially, after warm-up requests; /healthz, which does one SELECT 1, is the floor
   measured in the same run.

It prints a table and writes JSON to --out (default $BENCH_OUT or bench-results.json). It
reports and never fails on slowness: the exit status is 0 unless the set-up itself breaks.
Not a test module (pytest collects test_*.py only).
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import http.cookiejar
import json
import math
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve()
ROOT = HERE.parents[2]
PY = sys.executable
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
CORE_FIXTURES = ["zhz_governance", "zhz_procurement", "zhz_programme", "zhz_finance"]
NATIONAL_REGIONS = 42
PASSWORD = "demo"
PROJECT_CODE = "2.1.2"
# Per page: stop after this many seconds of measuring even if fewer than N requests were made.
PAGE_BUDGET_SECONDS = 40.0

# (name, path, users to try in order): the first user the page answers 200 for is used.
# '{report}' and '{letter}' are filled in by the in-process pass.
CANDIDATE_PAGES = [
    ("home (beleidsadviseur)", "/", ["adviseur"]),
    ("home (griffie)", "/", ["griffie"]),
    ("home (netwerk-mt)", "/", ["nmt"]),
    ("home (functioneel beheer)", "/", ["beheer"]),
    ("programmadashboard", "/programma/", ["nmt"]),
    ("projectenlijst", "/programma/projecten/", ["nmt"]),
    (f"project {PROJECT_CODE}", f"/programma/projecten/{PROJECT_CODE}/", ["adviseur", "nmt"]),
    ("voortgangsrapportage", "/programma/rapportages/{report}/", ["nmt"]),
    ("financiën", "/financien/", ["nmt", "beheer", "griffie", "adviseur"]),
    ("bestuur", "/bestuur/", ["griffie", "nmt", "beheer", "adviseur"]),
    ("inkoop", "/inkoop/", ["nmt", "beheer", "griffie", "adviseur"]),
    ("brieven", "/brieven/", ["griffie", "nmt", "beheer", "adviseur"]),
    ("brief", "/brieven/{letter}/", ["griffie", "nmt", "beheer", "adviseur"]),
]
# Home of a role that is sent on (the Netwerk MT's home is the dashboard) answers 302.
HOME_STATUSES = {200, 302}


def log(message: str = "") -> None:
    print(message, flush=True)


def banner(lines: list[str]) -> None:
    width = max(len(line) for line in lines) + 4
    log("#" * width)
    for line in lines:
        log(f"# {line:<{width - 4}} #")
    log("#" * width)


class SetupError(Exception):
    """The set-up broke (not a slow page): reported with exit status 1."""


def run(cmd: list[str], *, env: dict, what: str) -> str:
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SetupError(f"{what} mislukte:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


# --- the database -------------------------------------------------------------------------------


def find_pg_bindir() -> str | None:
    if shutil.which("pg_config"):
        bindir = subprocess.run(
            ["pg_config", "--bindir"], capture_output=True, text=True
        ).stdout.strip()
        if bindir and os.access(os.path.join(bindir, "initdb"), os.X_OK):
            return bindir

    def version(path: str) -> tuple[int, ...]:
        return tuple(int(part) for part in re.findall(r"\d+", path))

    for bindir in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True):
        if os.access(os.path.join(bindir, "initdb"), os.X_OK):
            return bindir
    initdb = shutil.which("initdb")
    return os.path.dirname(initdb) if initdb else None


class Postgres:
    """A throwaway cluster in a temporary directory on a free loopback port."""

    def __init__(self, bindir: str, workdir: Path) -> None:
        self.bindir, self.dir, self.port = bindir, workdir / "pg", free_port()
        self.as_pg: list[str] = []
        self.started = False

    def _bin(self, name: str) -> str:
        return os.path.join(self.bindir, name)

    def start(self) -> None:
        self.dir.mkdir()
        if os.geteuid() == 0:
            # initdb refuses to run as root: run the cluster as the postgres system user.
            if subprocess.run(["id", "postgres"], capture_output=True).returncode != 0:
                subprocess.run(["useradd", "--system", "--no-create-home", "postgres"], check=True)
            shutil.chown(self.dir, "postgres")
            self.as_pg = ["runuser", "-u", "postgres", "--"]
        env = dict(os.environ)
        run(
            [*self.as_pg, self._bin("initdb"), "-D", str(self.dir / "data"), "-A", "trust"]
            + ["-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"],
            env=env,
            what="initdb",
        )
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1"
        run(
            [*self.as_pg, self._bin("pg_ctl"), "-D", str(self.dir / "data")]
            + ["-l", str(self.dir / "server.log"), "-w", "-o", options, "start"],
            env=env,
            what="pg_ctl start",
        )
        self.started = True

    def create_database(self, name: str) -> str:
        run(
            [*self.as_pg, self._bin("createdb"), "-h", "127.0.0.1", "-p", str(self.port)]
            + ["-U", "postgres", name],
            env=dict(os.environ),
            what="createdb",
        )
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def version(self) -> str:
        out = subprocess.run([self._bin("postgres"), "--version"], capture_output=True, text=True)
        return out.stdout.strip()

    def stop(self) -> None:
        if self.started:
            subprocess.run(
                [*self.as_pg, self._bin("pg_ctl"), "-D", str(self.dir / "data")]
                + ["-m", "immediate", "stop"],
                capture_output=True,
            )
            self.started = False


def prepare_database(env: dict, *, national: bool) -> dict:
    """Migrate and load the ZHZ data (and at national scale the generated regions)."""
    fixtures = [ROOT / "fixtures" / f"{name}.json" for name in CORE_FIXTURES]
    others = sorted(set(ROOT.glob("fixtures/zhz_*.json")) - set(fixtures))
    manage = [PY, "manage.py"]
    run([*manage, "migrate", "--noinput", "-v0"], env=env, what="migrate")
    run([*manage, "loaddata", *(str(f) for f in fixtures + others)], env=env, what="loaddata")
    run([*manage, "populate_history", "--auto"], env=env, what="populate_history")
    run([*manage, "demo_accounts"], env=env, what="demo_accounts")
    info = {"fixtures": [f.name for f in fixtures + others]}
    if national:
        started = time.perf_counter()
        out = run(
            [*manage, "generate_scale_data", "--regions", str(NATIONAL_REGIONS), "-v1"],
            env=env,
            what="generate_scale_data",
        )
        info["generate_seconds"] = round(time.perf_counter() - started, 1)
        info["generate_output"] = out
    return info


# --- HTTP against gunicorn ----------------------------------------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is a response of its own, measured as such


class Browser:
    """One signed-in person: a cookie jar and an opener that does not follow redirects."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def get(self, path: str) -> tuple[int, bytes]:
        try:
            with self.opener.open(self.base + path, timeout=120) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def login(self, username: str) -> None:
        status, body = self.get("/accounts/login/")
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        if status != 200 or not match:
            raise SetupError(f"Inlogpagina gaf {status} of geen CSRF-token.")
        data = urllib.parse.urlencode(
            {
                "username": username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": match.group(1).decode(),
            }
        ).encode()
        request = urllib.request.Request(
            self.base + "/accounts/login/",
            data=data,
            headers={"Referer": self.base + "/accounts/login/"},
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        if status != 302 or not any(cookie.name == "sessionid" for cookie in self.jar):
            raise SetupError(f"Inloggen als {username} mislukte (status {status}).")

    def measure(self, path: str, *, requests: int, warmup: int) -> dict:
        for _ in range(warmup):
            status, _body = self.get(path)
        samples: list[float] = []
        started = time.perf_counter()
        while len(samples) < requests:
            before = time.perf_counter()
            status, _body = self.get(path)
            samples.append((time.perf_counter() - before) * 1000)
            if time.perf_counter() - started > PAGE_BUDGET_SECONDS and len(samples) >= 5:
                break
        return {
            "p50_ms": round(statistics.median(samples), 1),
            "p95_ms": round(percentile(samples, 0.95), 1),
            "n": len(samples),
            "http_status": status,
        }


class Gunicorn:
    def __init__(self, env: dict, workdir: Path) -> None:
        self.env, self.port = env, free_port()
        self.logfile = workdir / f"gunicorn-{self.port}.log"
        self.process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Gunicorn:
        with open(self.logfile, "w") as out:
            # The production configuration (gunicorn.conf.py), with the bench's own values.
            self.process = subprocess.Popen(
                [GUNICORN, "-c", str(ROOT / "gunicorn.conf.py")],
                cwd=ROOT,
                env={
                    **self.env,
                    "GUNICORN_WORKERS": "2",
                    "GUNICORN_BIND": f"127.0.0.1:{self.port}",
                    "GUNICORN_TIMEOUT": "120",
                },
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise SetupError(f"gunicorn stopte:\n{self.logfile.read_text()[-3000:]}")
            with contextlib.suppress(OSError):
                if Browser(self.base).get("/healthz")[0] == 200:
                    return self
            time.sleep(0.2)
        raise SetupError("gunicorn antwoordde niet binnen 60 seconden op /healthz.")

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def measure_http(env: dict, workdir: Path, scale: str, plan: dict, args) -> dict:
    pages, pdfs = [], []
    with Gunicorn(env, workdir) as server:
        floor = Browser(server.base).measure("/healthz", requests=args.requests, warmup=args.warmup)
        browsers: dict[str, Browser] = {}
        for page in plan["pages"]:
            user = page["user"]
            if user not in browsers:
                browsers[user] = Browser(server.base)
                browsers[user].login(user)
            timing = browsers[user].measure(
                page["path"], requests=args.requests, warmup=args.warmup
            )
            pages.append({**page, **timing, "scale": scale})
            log(f"  {page['name']:<28} {timing['p50_ms']:>8.1f} ms p50  ({timing['n']} verzoeken)")
        for pdf in plan["pdf"]:
            if not pdf.get("path"):
                pdfs.append(pdf)
                continue
            browser = browsers.setdefault(pdf["user"], Browser(server.base))
            if not any(cookie.name == "sessionid" for cookie in browser.jar):
                browser.login(pdf["user"])
            timing = browser.measure(pdf["path"], requests=args.pdf_requests, warmup=2)
            key = "ms" if pdf["via"] == "http" else "served_ms"
            pdfs.append(
                {
                    **pdf,
                    key: timing["p50_ms"],
                    "n": timing["n"],
                    "http_status": timing["http_status"],
                }
            )
    return {"floor": floor, "pages": pages, "pdf": pdfs}


# --- the in-process pass (runs in a child process with Django set up) --------------------------


def in_process(scale: str, result_file: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()

    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from core.scope import all_regions
    from programme import services as programme_services
    from programme.models import Project

    notes: list[str] = []
    # Outside a request no region is active: the set-up, the PDFs and the row counts read
    # across regions explicitly; the pages open their user's region themselves.
    with all_regions():
        nmt = User.objects.get(username="nmt")
        project = Project.objects.filter(code=PROJECT_CODE, programme__region__slug="zhz").first()
        report = None
        if project is not None:
            report = programme_services.progress_report_create(
                project=project, user=nmt, report_date=timezone.localdate()
            )
        else:
            notes.append(f"Project {PROJECT_CODE} van ZHZ niet gevonden: geen rapportage gemeten.")
        letter, letter_municipality = _letter_for_bench(notes)

    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    users = {user.username: user for user in User.objects.all()}
    pages, skipped = [], []
    for name, template, candidates in CANDIDATE_PAGES:
        if "{report}" in template and report is None:
            continue
        if "{letter}" in template and letter is None:
            continue
        path = template.format(
            report=report.pk if report else "", letter=letter.pk if letter else ""
        )
        accepted = HOME_STATUSES if path == "/" else {200}
        chosen = None
        for username in candidates:
            client.force_login(users[username])
            status = client.get(path).status_code  # also warms caches before counting
            if status in accepted:
                with CaptureQueriesContext(connection) as queries:
                    status = client.get(path).status_code
                chosen = {
                    "name": name,
                    "path": path,
                    "user": username,
                    "status": status,
                    "queries": len(queries.captured_queries),
                }
                break
        if chosen:
            pages.append(chosen)
        else:
            skipped.append(f"{name} ({path}): status {status}")

    pdf = []
    with all_regions():
        if scale == "zhz" and report is not None:
            pdf.append(_progress_report_pdf(report))
        if scale == "zhz" and letter is not None:
            pdf.append(_letter_pdf(letter, letter_municipality, notes))
        rows = _row_counts()
    result = {
        "pages": pages,
        "skipped": skipped,
        "pdf": pdf,
        "notes": notes,
        "rows": rows,
        "database": connection.vendor,
    }
    Path(result_file).write_text(json.dumps(result, default=str))


def _timed(function, *, repeat: int) -> float:
    """Median milliseconds of `repeat` calls, after one warm-up call (imports, fonts)."""
    function()
    samples = []
    for _ in range(repeat):
        before = time.perf_counter()
        function()
        samples.append((time.perf_counter() - before) * 1000)
    return round(statistics.median(samples), 1)


def _progress_report_pdf(report) -> dict:
    from django.template.loader import render_to_string

    from core.pdf import html_to_pdf
    from programme.pdf import progress_report_document

    html = render_to_string(
        "programme/pdf/progress_report.html", {"document": progress_report_document(report)}
    )
    return {
        "name": f"voortgangsrapportage {report.project.code}",
        "path": f"/programma/rapportages/{report.pk}/pdf/",
        "user": "nmt",
        "via": "http",
        "weasyprint_only_ms": _timed(lambda: html_to_pdf(html), repeat=5),
    }


def _letter_for_bench(notes: list[str]):
    """The first letter of the ZHZ data and the first council it goes to, if letters exist."""
    try:
        from governance.models import Letter
    except ImportError:
        notes.append("Geen brievenmodule: brief-PDF niet gemeten.")
        return None, None
    letter = Letter.objects.order_by("pk").first()
    if letter is None:
        notes.append("Geen brief in de gegevens: brief-PDF niet gemeten.")
        return None, None
    addressees = letter.addressee_list()
    return letter, addressees[0] if addressees else None


def _letter_pdf(letter, municipality, notes: list[str]) -> dict:
    """A letter's PDF is rendered when it is issued and then stored; the PDF view serves the
    stored file. So the render is timed in-process (the issue path), the serving over HTTP."""
    from django.template.loader import render_to_string

    from core.pdf import html_to_pdf
    from governance.letters import document, selectors

    entry = {"name": "raadsinformatiebrief", "via": "in-process (bij uitgeven)", "user": "griffie"}
    if municipality is None:
        notes.append("De brief heeft geen geadresseerde: brief-PDF niet gemeten.")
        return {**entry, "ms": None, "weasyprint_only_ms": None}

    def full_render():
        printed = document.printed_letter(selectors.letter_for_print(pk=letter.pk), municipality)
        return document.render_letter_pdf(printed)

    printed = document.printed_letter(selectors.letter_for_print(pk=letter.pk), municipality)
    html = render_to_string(document.PRINT_TEMPLATE, {"document": printed})
    attachments = document.letter_attachments(printed)
    entry["ms"] = _timed(full_render, repeat=5)
    entry["weasyprint_only_ms"] = _timed(
        lambda: html_to_pdf(html, attachments=attachments), repeat=5
    )
    stored = letter.pdfs.filter(municipality=municipality).first()
    if stored is not None:
        entry["path"] = f"/brieven/{letter.pk}/pdf/{municipality.cbs_code}/"
    else:
        notes.append("Geen opgeslagen brief-PDF: het serveren via HTTP is niet gemeten.")
    return entry


def _row_counts() -> dict:
    from django.apps import apps

    counted = {}
    for label in ("governance", "procurement", "programme", "finance"):
        for model in apps.get_app_config(label).get_models():
            counted[model._meta.label] = model._default_manager.count()
    return {label: count for label, count in sorted(counted.items()) if count}


# --- orchestration ------------------------------------------------------------------------------


def bench_scale(scale: str, env: dict, workdir: Path, args) -> dict:
    log(f"== {scale}: database vullen")
    info = prepare_database(env, national=scale == "national")
    if "generate_seconds" in info:
        log(f"  generate_scale_data --regions {NATIONAL_REGIONS}: {info['generate_seconds']} s")
    log(f"== {scale}: query-aantallen (in-process, test Client)")
    result_file = workdir / f"inprocess-{scale}.json"
    run(
        [PY, str(HERE), "--in-process", scale, "--result", str(result_file)],
        env=env,
        what="de in-process meting",
    )
    plan = json.loads(result_file.read_text())
    log(f"== {scale}: latentie over HTTP (gunicorn, 2 workers)")
    measured = measure_http(env, workdir, scale, plan, args)
    return {**plan, **measured, "info": info}


def print_table(results: dict) -> None:
    log()
    log(f"Database: {results['database']}")
    log(
        f"Belasting (load average 1/5/15 min) bij start {results['load_average_start']}, "
        f"einde {results['load_average_end']}, {results['cpu_count']} cores"
    )
    header = f"{'pagina':<28} {'schaal':<9} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}  gebruiker"
    log(header)
    log("-" * len(header))
    for scale, floor in results["floor_by_scale"].items():
        row = f"{'floor /healthz':<28} {scale:<9} {floor['p50_ms']:>8.1f} {floor['p95_ms']:>8.1f}"
        log(f"{row} {1:>8}  –")
    for page in results["pages"]:
        log(
            f"{page['name']:<28} {page['scale']:<9} {page['p50_ms']:>8.1f} {page['p95_ms']:>8.1f}"
            f" {page['queries']:>8}  {page['user']} ({page['http_status']})"
        )
    if results["pdf"]:
        log()
        log(f"{'PDF':<28} {'ms':>10} {'alleen WeasyPrint':>18}  gemeten")
        for pdf in results["pdf"]:
            ms = "–" if pdf.get("ms") is None else f"{pdf['ms']:.1f}"
            alone = (
                "–" if pdf.get("weasyprint_only_ms") is None else f"{pdf['weasyprint_only_ms']:.1f}"
            )
            extra = (
                f"; opgeslagen PDF serveren {pdf['served_ms']:.1f} ms" if "served_ms" in pdf else ""
            )
            log(f"{pdf['name']:<28} {ms:>10} {alone:>18}  {pdf['via']}{extra}")
    national = results.get("national", {})
    if national:
        log()
        log(
            f"Landelijke schaal: generate_scale_data --regions {NATIONAL_REGIONS} in "
            f"{national['generate_seconds']} s; rijen: "
            + ", ".join(
                f"{label.split('.')[1]} {count}"
                for label, count in national["rows"].items()
                if label in NATIONAL_ROWS_SHOWN
            )
        )
    for note in results["notes"]:
        log(f"NB: {note}")


NATIONAL_ROWS_SHOWN = {
    "governance.Region",
    "governance.Municipality",
    "governance.Person",
    "programme.Project",
    "programme.Effort",
    "programme.HistoricalEffort",
    "finance.BudgetLine",
}


def main(args) -> int:
    workdir = Path(tempfile.mkdtemp(prefix="jeugdregio-bench."))
    workdir.chmod(0o755)  # the postgres user must reach its directory inside
    postgres: Postgres | None = None
    # A stopped run (Ctrl-C, kill) still cleans up: turn SIGTERM into an exception.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
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
        # collectstatic touches no database, but production settings want one named.
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

        results = {"pages": [], "pdf": [], "floor_by_scale": {}, "notes": [], "skipped": []}
        # Other work on the machine skews latency: keep the load beside the figures.
        results["load_average_start"] = [round(load, 2) for load in os.getloadavg()]
        for scale in ("zhz", "national"):
            scale_env = dict(env)
            if postgres:
                scale_env["DATABASE_URL"] = postgres.create_database(f"bench_{scale}")
            else:
                scale_env["DATABASE_URL"] = f"sqlite:///{workdir / f'{scale}.sqlite3'}"
            outcome = bench_scale(scale, scale_env, workdir, args)
            results["floor_by_scale"][scale] = outcome["floor"]
            results["pages"] += outcome["pages"]
            results["pdf"] += outcome["pdf"]
            results["notes"] += outcome["notes"]
            results["skipped"] += [f"{scale}: {item}" for item in outcome["skipped"]]
            if scale == "national":
                results["national"] = {
                    "regions_generated": NATIONAL_REGIONS,
                    "generate_seconds": outcome["info"]["generate_seconds"],
                    "rows": outcome["rows"],
                }
            else:
                results["zhz_rows"] = outcome["rows"]
        results["database"] = database
        zhz_floor = results["floor_by_scale"]["zhz"]
        results["floor"] = {"p50_ms": zhz_floor["p50_ms"], "p95_ms": zhz_floor["p95_ms"]}
        results["requests_per_page"], results["warmup"] = args.requests, args.warmup
        results["load_average_end"] = [round(load, 2) for load in os.getloadavg()]
        results["cpu_count"] = os.cpu_count()
        results["notes"] += [f"Overgeslagen (geen 200): {item}" for item in results["skipped"]]
        print_table(results)
        Path(args.out).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
        log(f"\nResultaten geschreven naar {args.out}")
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
    parser.add_argument("--requests", type=int, default=30, help="Verzoeken per pagina.")
    parser.add_argument("--warmup", type=int, default=3, help="Opwarmverzoeken per pagina.")
    parser.add_argument("--pdf-requests", type=int, default=5, help="Verzoeken per PDF.")
    parser.add_argument("--sqlite", action="store_true", help="SQLite, ook als PostgreSQL er is.")
    parser.add_argument("--in-process", choices=["zhz", "national"], help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


if __name__ == "__main__":
    arguments = parse_args(sys.argv[1:])
    if arguments.in_process:
        in_process(arguments.in_process, arguments.result)
        sys.exit(0)
    sys.exit(main(arguments))
