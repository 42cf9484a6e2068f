"""What the bench requests over HTTP: the pages of every role, exports, background jobs,
concurrent clients and the probes while heavy work runs."""

from __future__ import annotations

import re
import statistics
import threading
import time

from .client import Browser, LoginError, measure_interleaved
from .report import percentile, repeat_summary, summary

# (name, path, role): '{project}' is the project with 150 efforts; roles are bench users of the
# measured region, 'platform' the platform administrator (in that region through the switcher).
PAGES = [
    ("start (beleidsadviseur)", "/", "adviseur"),
    ("start (griffie)", "/", "griffie"),
    ("start (netwerk-mt)", "/", "nmt"),
    ("start (functioneel beheer)", "/", "beheer"),
    ("start (platformbeheer)", "/", "platform"),
    ("regiokeuze (platformbeheer)", "/regio/", "platform"),
    ("programmadashboard", "/programma/", "nmt"),
    ("dashboard stand op datum", "/programma/?as_of=2023-12-31", "nmt"),
    ("projectenlijst", "/programma/projecten/", "nmt"),
    ("projectenlijst (platformbeheer)", "/programma/projecten/", "platform"),
    ("project met 150 inspanningen", "/programma/projecten/{project}/", "nmt"),
    ("bestuur", "/bestuur/", "griffie"),
    ("besluiten", "/bestuur/besluiten/", "griffie"),
    ("tijdlijn", "/bestuur/tijdlijn/", "griffie"),
    ("inkoop", "/inkoop/", "nmt"),
    ("aanbieders", "/inkoop/aanbieders/", "nmt"),
    ("risicosignalen", "/inkoop/signalen/", "nmt"),
    ("financiën", "/financien/", "nmt"),
    ("verdelingen", "/financien/verdelingen/", "nmt"),
    ("brieven", "/brieven/", "griffie"),
    ("taken", "/taken/", "nmt"),
    # The same pages with their cached part rendered anew for every request (a new address
    # each time), as after every change: what a page costs without its cache.
    ("programmadashboard (zonder cache)", "/programma/?vers={{fresh}}", "nmt"),
    ("projectenlijst (zonder cache)", "/programma/projecten/?vers={{fresh}}", "nmt"),
    ("brieven (zonder cache)", "/brieven/?vers={{fresh}}", "griffie"),
    ("besluiten (zonder cache)", "/bestuur/besluiten/?vers={{fresh}}", "griffie"),
    ("aanbieders (zonder cache)", "/inkoop/aanbieders/?vers={{fresh}}", "nmt"),
    ("risicosignalen (zonder cache)", "/inkoop/signalen/?vers={{fresh}}", "nmt"),
    (
        "project met 150 inspanningen (zonder cache)",
        "/programma/projecten/{project}/?vers={{fresh}}",
        "nmt",
    ),
    ("bestuur (zonder cache)", "/bestuur/?vers={{fresh}}", "griffie"),
    ("tijdlijn (zonder cache)", "/bestuur/tijdlijn/?vers={{fresh}}", "griffie"),
    ("admin: projecten", "/admin/programme/project/", "beheer"),
    ("admin: inspanningen", "/admin/programme/effort/", "beheer"),
    ("admin: personen", "/admin/governance/person/", "beheer"),
    ("admin: besluiten", "/admin/governance/decision/", "beheer"),
    ("admin: gemeenten (platform)", "/admin/governance/municipality/", "platform"),
]
EXPORTS = [
    ("export projecten CSV", "/programma/projecten/?_export=csv", "nmt"),
    ("export projecten XLSX", "/programma/projecten/?_export=xlsx", "nmt"),
    ("export dashboard CSV", "/programma/?export=csv", "nmt"),
    ("export dashboard XLSX", "/programma/?export=xlsx", "nmt"),
]
# The probes beside heavy work: 5 × `--requests` samples per window, so that a p95 is a p95.
UNDER_LOAD_SAMPLES_PER_REQUEST = 5
JOB_PAGE = re.compile(r"/taken/([0-9a-f-]{36})/")


def page_plan(setup: dict) -> list[dict]:
    users = {**setup["users"], "platform": "platform"}
    return [
        {
            "key": f"{name}|{path}",
            "name": name,
            "path": path.format(project=setup["project"]),
            "user": users[role],
            "role": role,
            "region_session": setup["region"]["pk"] if role == "platform" else None,
        }
        for name, path, role in PAGES + EXPORTS
    ]


class Sessions:
    """One signed-in browser per user, made on first use; the platform administrator switched to
    the measured region."""

    def __init__(self, base: str, region_pk: int, timeout: float) -> None:
        self.base, self.region_pk, self.timeout = base, region_pk, timeout
        self.browsers: dict[str, Browser] = {}

    def new(self, username: str) -> Browser:
        browser = Browser(self.base, timeout=self.timeout)
        browser.login(username)
        if username == "platform":
            browser.post("/regio/", {"region": self.region_pk, "next": "/"})
        return browser

    def __getitem__(self, username: str) -> Browser:
        if username not in self.browsers:
            self.browsers[username] = self.new(username)
        return self.browsers[username]


def measure_pages(sessions: Sessions, plan: list[dict], scale: str, args) -> list[dict]:
    from .cluster import log

    floor = Browser(sessions.base)
    rows = []
    for page in plan:
        try:
            browser = sessions[page["user"]]
        except LoginError as error:
            rows.append({**page, "scale": scale, "error": str(error)})
            log(f"  {page['name']:<34} niet gemeten: {error}")
            continue
        repeats = [
            measure_interleaved(
                browser,
                page["path"],
                floor,
                requests=args.requests,
                warmup=args.warmup if index == 0 else 0,
                budget=args.page_budget,
            )
            for index in range(args.repeats)
        ]
        row = {**page, **repeat_summary(repeats), "scale": scale, "bytes": repeats[-1]["bytes"]}
        rows.append(row)
        log(
            f"  {page['name']:<34} {row['p50_ms']:>8.1f} ms p50 ({row['ratio_p50']}× vloer)"
            f"  {row['http_status']}"
        )
    return rows


def wait_for_job(browser: Browser, job_path: str, *, started: float, limit: float) -> dict:
    """Poll the job's page (as its own page does) until it says done or failed."""
    while time.perf_counter() - started < limit:
        status, body = browser.get(job_path)
        text = body.decode(errors="replace")
        # The progress section only: the page's flash messages use the same classes.
        section = text[text.find('id="job-progress"') :].split("</section>", 1)[0]
        if 'message--success">Klaar.' in section:
            return {"seconds": round(time.perf_counter() - started, 2), "outcome": "klaar"}
        if "message--error" in section and "Bezig" not in section:
            return {"seconds": round(time.perf_counter() - started, 2), "outcome": "mislukt"}
        if status not in (200, 302):
            return {"seconds": None, "outcome": f"status {status}"}
        time.sleep(0.2)
    return {"seconds": None, "outcome": f"niet klaar binnen {limit:.0f} s"}


def enqueue(browser: Browser, path: str, data: dict, *, csrf_from: str) -> tuple[str | None, str]:
    status, _body, location = browser.post(path, data, csrf_from=csrf_from)
    match = JOB_PAGE.search(location)
    if status != 302 or not match:
        return None, f"status {status}, naar {location or '–'}"
    return f"/taken/{match.group(1)}/", ""


def dashboard_pdf_job(sessions: Sessions, user: str, scale: str, limit: float) -> dict:
    browser = sessions[user]
    started = time.perf_counter()
    job, why = enqueue(browser, "/programma/", {"export": "pdf"}, csrf_from="/programma/")
    row = {"name": "dashboard-PDF", "scale": scale}
    if job is None:
        return {**row, "seconds": None, "outcome": f"niet gestart ({why})"}
    return {**row, **wait_for_job(browser, job, started=started, limit=limit)}


def list_export_job(sessions: Sessions, user: str, scale: str, limit: float) -> dict:
    """The project list's XLSX export until the file is there: above EXPORT_INLINE_ROWS rows it
    is a background job (the time until the job page says done), below it the response."""
    browser = sessions[user]
    row = {"name": "export projectenlijst XLSX (tot het bestand)", "scale": scale}
    started = time.perf_counter()
    status, _body, headers = browser._open(browser.base + "/programma/projecten/?_export=xlsx")
    match = JOB_PAGE.search(headers.get("Location", ""))
    if not match:
        return {
            **row,
            "seconds": round(time.perf_counter() - started, 2),
            "outcome": f"direct, in het verzoek (status {status}; onder EXPORT_INLINE_ROWS)",
        }
    return {**row, **wait_for_job(browser, match.group(0), started=started, limit=limit)}


def letter_batches(sessions: Sessions, setup: dict, scale: str, limit: float) -> list[dict]:
    """Each regional letter sent through the background job, one after the other; the time
    until the job page says done, and its ratio to the letter to one council."""
    browser = sessions[setup["users"]["beheer"]]
    rows, one = [], None
    for size, pk in sorted(setup["batch_letters"].items(), key=lambda item: int(item[0])):
        started = time.perf_counter()
        job, why = enqueue(
            browser,
            f"/brieven/{pk}/verzenden/",
            {"bevestigd": "ja"},
            csrf_from=f"/brieven/{pk}/verzenden/bevestigen/",
        )
        row = {"name": f"regionale brief, {size} gemeente(n)", "scale": scale, "size": int(size)}
        if job is None and int(size) == 1 and why.startswith("status 302"):
            # A letter to one council is issued at once, in the request: the time of the POST.
            one = round(time.perf_counter() - started, 2)
            rows.append({**row, "seconds": one, "outcome": "direct verzonden (geen taak)"})
            continue
        if job is None:
            rows.append({**row, "seconds": None, "outcome": f"niet gestart ({why})"})
            continue
        row.update(wait_for_job(browser, job, started=started, limit=limit))
        if int(size) == 1:
            one = row["seconds"]
        elif one and row["seconds"]:
            row["ratio"], row["ratio_to"] = round(row["seconds"] / one, 2), "één brief"
        rows.append(row)
    return rows


def concurrent(sessions: Sessions, path: str, user: str, clients: int, seconds: float) -> dict:
    """`clients` sessions requesting `path` back to back for `seconds`: throughput and p95."""
    browsers = [sessions.new(user) for _ in range(clients)]
    for browser in browsers:
        browser.get(path)
    samples: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client(browser: Browser) -> None:
        while time.perf_counter() < stop:
            ms, status, _size = browser.timed_get(path)
            with lock:
                samples.append(ms)
                if status != 200:
                    errors[0] += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(b,)) for b in browsers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return {
        "clients": clients,
        "requests": len(samples),
        "throughput_per_s": round(len(samples) / elapsed, 2),
        "p50_ms": round(statistics.median(samples), 1) if samples else None,
        "p95_ms": round(percentile(samples, 0.95), 1) if samples else None,
        "errors": errors[0],
    }


def probes_under_load(sessions: Sessions, setup: dict, scale: str, args) -> list[dict]:
    """/livez and the project list, p95 idle and while nine dashboard PDFs are queued or
    rendered (five users, as many as each may start): heavy work must not reach them.

    The two are asked in turn, UNDER_LOAD_SAMPLES_PER_REQUEST × `--requests` times each per
    window (a p95 of ten samples would be their slowest one), in `--repeats` windows idle and
    as many under load: the figure is the median of the windows' p95, beside each window's."""
    users = [setup["users"][role] for role in ("nmt", "adviseur", "griffie", "beheer")]
    users.append("platform")
    watcher = Browser(sessions.base)
    page = sessions[users[0]]
    targets = [("/livez", watcher, "/livez"), ("projectenlijst", page, "/programma/projecten/")]
    count = args.requests * UNDER_LOAD_SAMPLES_PER_REQUEST

    def windows() -> dict[str, list[float]]:
        """Each target's p95 per window."""
        found: dict[str, list[float]] = {name: [] for name, _browser, _path in targets}
        for _window in range(args.repeats):
            samples: dict[str, list[float]] = {name: [] for name in found}
            for _ in range(count):
                for name, browser, path in targets:
                    samples[name].append(browser.timed_get(path)[0])
            for name, taken in samples.items():
                found[name].append(summary(taken)["p95_ms"])
        return found

    idle = windows()
    jobs, refused = [], 0
    for index in range(9):
        browser = sessions[users[index % len(users)]]
        job, _why = enqueue(browser, "/programma/", {"export": "pdf"}, csrf_from="/programma/")
        if job:
            jobs.append((browser, job))
        else:
            refused += 1
    loaded = windows()
    measured = time.perf_counter()
    # Let them finish before the next measurement; those still busy after the windows show the
    # load lasted as long as the measurement.
    busy = 0
    for browser, job in jobs:
        finished = wait_for_job(browser, job, started=measured, limit=args.job_limit)
        busy += (finished["seconds"] or 0) > 0.5
    heavy = (
        f"{len(jobs)} dashboard-PDF-taken gestart, {refused} geweigerd (JOBS_PER_USER), "
        f"{busy} nog bezig na de meting"
    )
    rows = []
    for name, _browser, _path in targets:
        idle_p95, loaded_p95 = statistics.median(idle[name]), statistics.median(loaded[name])
        rows.append(
            {
                "name": name,
                "scale": scale,
                "idle_p95_ms": round(idle_p95, 1),
                "loaded_p95_ms": round(loaded_p95, 1),
                "ratio_p95": round(loaded_p95 / idle_p95, 2),
                "idle_p95_windows_ms": idle[name],
                "loaded_p95_windows_ms": loaded[name],
                "heavy": heavy,
            }
        )
    return rows
