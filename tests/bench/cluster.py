"""The bench's machinery: a throwaway PostgreSQL cluster, the database set-up, gunicorn with the
production configuration and a background worker."""

from __future__ import annotations

import contextlib
import glob
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
CORE_FIXTURES = ["zhz_governance", "zhz_procurement", "zhz_programme", "zhz_finance"]
NATIONAL_REGIONS = 42


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


def production_timeout() -> int:
    """gunicorn.conf.py's worker timeout, as production runs it (its environment's default)."""
    text = (ROOT / "gunicorn.conf.py").read_text()
    match = re.search(r'GUNICORN_TIMEOUT",\s*"(\d+)"', text)
    return int(os.environ.get("GUNICORN_TIMEOUT") or (match.group(1) if match else 30))


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
    run([*manage, "issue_fixture_letters"], env=env, what="issue_fixture_letters")
    run([*manage, "demo_accounts"], env=env, what="demo_accounts")
    info: dict = {"fixtures": [f.name for f in fixtures + others]}
    if national:
        started = time.perf_counter()
        run(
            [*manage, "generate_scale_data", "--regions", str(NATIONAL_REGIONS), "-v1"],
            env=env,
            what="generate_scale_data",
        )
        info["generate_seconds"] = round(time.perf_counter() - started, 1)
    return info


class _Process:
    """A child process whose output goes to a log file, stopped on leaving the block."""

    process: subprocess.Popen | None = None

    def _start(self, cmd: list[str], env: dict, logfile: Path) -> None:
        with open(logfile, "w") as out:
            self.process = subprocess.Popen(
                cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
            )

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class Gunicorn(_Process):
    """gunicorn with gunicorn.conf.py as production runs it: only the address and the number of
    workers are the bench's; the timeout is the configuration's own."""

    def __init__(self, env: dict, workdir: Path, *, workers: int = 2) -> None:
        self.env, self.port, self.workers = env, free_port(), workers
        self.logfile = workdir / f"gunicorn-{self.port}.log"
        self.timeout = production_timeout()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Gunicorn:
        from .client import Browser

        env = {
            **self.env,
            "GUNICORN_WORKERS": str(self.workers),
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
        }
        env.pop("GUNICORN_TIMEOUT", None)
        self._start([GUNICORN, "-c", str(ROOT / "gunicorn.conf.py")], env, self.logfile)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise SetupError(f"gunicorn stopte:\n{self.logfile.read_text()[-3000:]}")
            with contextlib.suppress(OSError):
                if Browser(self.base).get("/healthz")[0] == 200:
                    return self
            time.sleep(0.2)
        raise SetupError("gunicorn antwoordde niet binnen 60 seconden op /healthz.")

    def worker_timeouts(self) -> int:
        """How often gunicorn killed a worker for running past its timeout."""
        return self.logfile.read_text(errors="replace").count("WORKER TIMEOUT")


class Worker(_Process):
    """One background worker (`manage.py db_worker`), as production runs one or more: beside
    gunicorn on the same machine with a lower CPU priority (`nice -n 10`, docs/operations.md)."""

    def __init__(self, env: dict, workdir: Path) -> None:
        self.env, self.logfile = env, workdir / "worker.log"

    def __enter__(self) -> Worker:
        nice = ["nice", "-n", "10"] if shutil.which("nice") else []
        self._start([*nice, PY, "manage.py", "db_worker", "--no-reload"], self.env, self.logfile)
        time.sleep(1)
        if self.process.poll() is not None:
            raise SetupError(f"db_worker stopte:\n{self.logfile.read_text()[-3000:]}")
        return self
