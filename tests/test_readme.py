"""Every `manage.py` command the README shows works as written after `make run`.

The README's ```sh blocks are read and every `.venv/bin/python manage.py <command> …` line in
them is run, literally, by bash, in a subprocess with the repository's `manage.py`, against an
SQLite database in a temporary directory that holds what `make run` leaves: the manage.py steps
of the Makefile's `demo-data` target (read from the Makefile, so the two cannot drift apart). The
environment is the one of the `.env` that `make run` writes: `DEBUG=true` and a secret key.

Each block starts from a fresh copy of that database and its own working directory, in which
`.venv/bin/python` and `manage.py` are the ones of this test run: a block is what a reader types
in one go (an export and then its import, say), and a file that a command writes to a relative
path lands in that directory, where the next command of the block finds it. A command that a
reader adds to the README is covered without touching this test; only the few below that cannot
run here as written are adapted, each with its reason.
"""

import os
import re
import secrets
import shlex
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
MAKEFILE = ROOT / "Makefile"

SH_BLOCK = re.compile(r"^```sh\n(.*?)^```", re.MULTILINE | re.DOTALL)
# A command line, optionally after VAR=value assignments (`DB_STATEMENT_TIMEOUT=0 .venv/…`).
MANAGE_LINE = re.compile(r"^(?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*\.venv/bin/python manage\.py\s")
SHELL_SYNTAX = re.compile(r"[|&;<>]")  # a redirect, pipe or list: the line is run unchanged

# Commands that only make sense on a server: not run, with the reason.
NOT_RUN = {"runserver": "serves until stopped; `make run` starts it itself"}
# Flags whose value makes a command slow; a smaller value runs the same code paths.
# generate_scale_data --regions 42 takes minutes; two regions take about a second.
FAST_VALUES = {"generate_scale_data": {"--regions": "2"}}
# createsuperuser asks its questions interactively; here the answers come from the environment.
SUPERUSER_ENV = {
    "DJANGO_SUPERUSER_USERNAME": "platformbeheer",
    "DJANGO_SUPERUSER_EMAIL": "platformbeheer@example.org",
    "DJANGO_SUPERUSER_PASSWORD": secrets.token_urlsafe(16),
}


@dataclass
class ReadmeCommand:
    raw: str  # the README's line; bash strips a trailing `# comment` itself
    tokens: list[str]  # its words, without the comment

    @property
    def line(self) -> str:
        return shlex.join(self.tokens)

    @property
    def name(self) -> str:
        return self.tokens[self.tokens.index("manage.py") + 1]

    def shell(self) -> str:
        """The line as run here: exactly as written, unless an adaptation above applies."""
        tokens = list(self.tokens)
        for flag, value in FAST_VALUES.get(self.name, {}).items():
            for i, token in enumerate(tokens[:-1]):
                if token == flag:
                    tokens[i + 1] = value
            tokens = [f"{flag}={value}" if t.startswith(f"{flag}=") else t for t in tokens]
        if self.name == "createsuperuser" and "--noinput" not in tokens:
            tokens.append("--noinput")
        if self.name == "db_worker" and "--batch" not in tokens:
            tokens.append("--batch")  # works off the queue and exits instead of waiting for more
        if tokens == self.tokens or any(SHELL_SYNTAX.search(token) for token in self.tokens):
            # Nothing to adapt, or a redirect or pipe that re-quoting would break: as written.
            return self.raw
        return shlex.join(tokens)


def readme_blocks(text: str) -> list[list[ReadmeCommand]]:
    """The manage.py commands of each ```sh block, in the README's order (empty blocks left out)."""
    blocks = []
    for block in SH_BLOCK.findall(text):
        commands = []
        for line in block.replace("\\\n", " ").splitlines():
            line = line.strip()
            if MANAGE_LINE.match(line):
                commands.append(ReadmeCommand(raw=line, tokens=shlex.split(line, comments=True)))
        if commands:
            blocks.append(commands)
    return blocks


def demo_data_steps(makefile: str) -> list[list[str]]:
    """The arguments of every `$(PY) manage.py …` line of the Makefile's demo-data recipe."""
    recipe = re.search(r"^demo-data:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert recipe, "Makefile has no demo-data target"
    return [
        shlex.split(match) for match in re.findall(r"\$\(PY\) manage\.py (.+)", recipe.group(1))
    ]


def demo_environment(workdir: Path) -> dict[str, str]:
    """What `make run` gives: its .env (DEBUG, a secret key), nothing of this test run."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST_", "DJANGO_"))
        and key not in {"DATABASE_URL", "STATICFILES_BACKEND", "SECURE_SSL_REDIRECT"}
    }
    env.update(
        DEBUG="true",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
        MEDIA_ROOT=str(workdir / "media"),
        STATIC_ROOT=str(workdir / "staticfiles"),
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def run(args: list[str] | str, *, cwd: Path, env: dict[str, str], timeout: int = 120):
    return subprocess.run(
        args,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        shell=isinstance(args, str),
        executable="/bin/bash" if isinstance(args, str) else None,
    )


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory) -> Path:
    """A directory holding db.sqlite3 and media/ as `make run` leaves them."""
    workdir = tmp_path_factory.mktemp("make-run")
    steps = demo_data_steps(MAKEFILE.read_text("utf-8"))
    # One interpreter for all steps (each a `manage.py …` of its own would start Django anew).
    script = (
        "import shlex, sys\n"
        "from django.core.management import execute_from_command_line\n"
        "for step in sys.argv[1:]:\n"
        "    execute_from_command_line(['manage.py', *shlex.split(step)])\n"
    )
    env = demo_environment(workdir) | {"DJANGO_SETTINGS_MODULE": "config.settings"}
    result = run(
        [sys.executable, "-c", script, *(shlex.join(step) for step in steps)],
        cwd=ROOT,
        env=env | {"PYTHONPATH": str(ROOT)},
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return workdir


def block_workdir(demo: Path, target: Path) -> Path:
    """A fresh copy of the demo, with `.venv/bin/python` and `manage.py` where the README says."""
    target.mkdir()
    shutil.copy2(demo / "db.sqlite3", target / "db.sqlite3")
    if (demo / "media").exists():
        shutil.copytree(demo / "media", target / "media")
    bin_dir = target / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    python = bin_dir / "python"
    python.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} "$@"\n')
    python.chmod(0o755)
    (target / "manage.py").symlink_to(ROOT / "manage.py")
    return target


def test_lines_are_run_as_written_or_adapted():
    text = (
        "```sh\n"
        "make lint\n"
        '.venv/bin/python manage.py allocate --key "a b" --amount 1   # comment\n'
        "                # a continued comment\n"
        ".venv/bin/python manage.py generate_scale_data --regions 42 \\\n"
        "    --seed 2\n"
        ".venv/bin/python manage.py export_region zhz > zhz.xlsx   # redirect\n"
        ".venv/bin/python manage.py createsuperuser\n"
        ".venv/bin/python manage.py db_worker\n"
        "```\n"
        "```sh\n.venv/bin/gunicorn -c gunicorn.conf.py\n```\n"
    )
    [block] = readme_blocks(text)
    assert [command.name for command in block] == [
        "allocate",
        "generate_scale_data",
        "export_region",
        "createsuperuser",
        "db_worker",
    ]
    allocate, scale, export, superuser, worker = block
    assert allocate.shell() == allocate.raw
    assert allocate.tokens[-2:] == ["--amount", "1"]
    assert scale.shell() == ".venv/bin/python manage.py generate_scale_data --regions 2 --seed 2"
    assert export.shell() == export.raw
    assert superuser.shell().endswith("createsuperuser --noinput")
    assert worker.shell().endswith("db_worker --batch")


def test_the_readme_shows_manage_py_commands():
    """The parsing finds what the README is known to show; a change of format fails here first."""
    names = {
        command.name for block in readme_blocks(README.read_text("utf-8")) for command in block
    }
    assert {"migrate", "collectstatic", "load_reference_data", "allocate"} <= names


def test_every_readme_command_is_a_known_command():
    """Fast: a misspelt command name fails without running anything."""
    from django.core.management import get_commands

    known = set(get_commands())
    names = {
        command.name for block in readme_blocks(README.read_text("utf-8")) for command in block
    }
    assert names - known == set()


def test_makefile_demo_data_loads_the_reference_data():
    names = [step[0] for step in demo_data_steps(MAKEFILE.read_text("utf-8"))]
    assert names[:2] == ["migrate", "load_reference_data"]


def run_block(demo: Path, workdir: Path, block: list[ReadmeCommand]) -> tuple[list, list]:
    """Runs one block's commands in order; returns the lines run and the failures."""
    workdir = block_workdir(demo, workdir)
    env = demo_environment(workdir)
    ran, failures = [], []
    for command in block:
        if command.name in NOT_RUN:
            continue
        extra = SUPERUSER_ENV if command.name == "createsuperuser" else {}
        result = run(command.shell(), cwd=workdir, env=env | extra)
        ran.append(command.line)
        if result.returncode != 0:
            failures.append(
                f"$ {command.line}\n(run as: {command.shell()})\nexit {result.returncode}\n"
                f"{result.stdout[-1500:]}{result.stderr[-1500:]}"
            )
    return ran, failures


def test_every_readme_command_works_after_make_run(demo_database, tmp_path):
    # One test for all blocks, so that the demo database is built once whichever worker runs
    # it; the blocks are independent of each other and run two at a time.
    blocks = readme_blocks(README.read_text("utf-8"))
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [
            pool.submit(run_block, demo_database, tmp_path / f"block-{number}", block)
            for number, block in enumerate(blocks, start=1)
        ]
        results = [future.result() for future in futures]
    ran = [line for lines, _ in results for line in lines]
    failures = [failure for _, block_failures in results for failure in block_failures]
    assert ran, "no manage.py command found in the README"
    assert not failures, "\n\n".join(failures)
