"""The image and compose definitions, checked without a container engine (docs/operations.md).

Nothing here builds or runs an image. What can be checked by reading is checked: every service
runs a command this tree has, sets only variables the app reads (or compose itself uses), and
the Dockerfile installs the production lock, copies only files that exist and runs as non-root.
"""

import re
import shlex
from pathlib import Path

from django.apps import apps
from django.core.management import get_commands

import pytest

from core.probes import LIVENESS_PATH

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = ROOT / "Dockerfile"
COMPOSE = ROOT / "compose.yaml"
ENV_EXAMPLE = ROOT / ".env.example"
DOCKERIGNORE = ROOT / ".dockerignore"
# Where the app reads its environment: the settings, the storage they choose, gunicorn's config.
ENV_READERS = ("config/settings.py", "core/storage.py", "gunicorn.conf.py")
ENV_READ = re.compile(
    r"""(?:env\.\w+\(\s*|os\.environ\.get\(\s*|environ\[\s*)["']([A-Z][A-Z0-9_]*)["']"""
)
# Commands that come from a package being added beside this work: checked once it is installed.
PACKAGE_COMMANDS = {"db_worker": "django_tasks"}


def compose() -> dict:
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load(COMPOSE.read_text("utf-8"))


def app_services() -> dict[str, dict]:
    """The services that run the image (the database runs PostgreSQL's)."""
    return {name: spec for name, spec in compose()["services"].items() if "build" in spec}


def command_text(spec: dict) -> str:
    command = spec.get("command", "")
    return command if isinstance(command, str) else shlex.join(command)


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments), with `\\` continuations joined and comments left out."""
    joined = re.sub(r"\\\n", " ", DOCKERFILE.read_text("utf-8"))
    instructions = []
    for line in joined.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, arguments = line.partition(" ")
            instructions.append((keyword.upper(), arguments.strip()))
    return instructions


def variables_the_app_reads() -> set[str]:
    return {
        name for path in ENV_READERS for name in ENV_READ.findall((ROOT / path).read_text("utf-8"))
    }


def env_example_names() -> set[str]:
    """Every variable .env.example sets or offers in a commented-out line."""
    pattern = re.compile(r"^#?\s*([A-Z][A-Z0-9_]*)=", re.MULTILINE)
    return set(pattern.findall(ENV_EXAMPLE.read_text("utf-8")))


def test_the_readers_are_found():
    """The pattern finds what the settings are known to read; a change of style fails here."""
    expected = {"SECRET_KEY", "DATABASE_URL", "DEBUG", "S3_BUCKET", "GUNICORN_BIND"}
    assert expected <= variables_the_app_reads()


def test_compose_has_the_four_services():
    services = compose()["services"]
    assert set(services) == {"db", "migrate", "web", "worker"}
    assert services["db"]["image"] == "postgres:15"
    assert any("pg_isready" in part for part in services["db"]["healthcheck"]["test"])
    volume = services["db"]["volumes"][0].split(":")[0]
    assert volume in compose()["volumes"], "the database lives in a named volume"


@pytest.mark.parametrize("service", ["migrate", "web", "worker"])
def test_every_command_exists(service):
    text = command_text(app_services()[service])
    named = re.findall(r"manage\.py\s+([a-z_]+)", text)
    assert named or text.startswith("gunicorn -c gunicorn.conf.py"), text
    known = set(get_commands())
    for name in named:
        package = PACKAGE_COMMANDS.get(name)
        if name not in known and package and not apps.is_installed(package):
            pytest.skip(f"{name} comes with {package}, which this tree does not install yet")
        assert name in known, f"{service}: manage.py {name} does not exist"


def test_migrate_runs_first_and_loads_reference_data_only_on_request():
    services = app_services()
    text = command_text(services["migrate"])
    assert text.index("manage.py migrate") < text.index("manage.py load_reference_data")
    assert "LOAD_REFERENCE_DATA" in text
    for later in ("web", "worker"):
        depends = services[later]["depends_on"]
        assert depends["migrate"]["condition"] == "service_completed_successfully"
        assert depends["db"]["condition"] == "service_healthy"


def test_only_the_web_service_keeps_the_images_health_check():
    services = app_services()
    assert "healthcheck" not in services["web"]
    assert services["web"]["ports"] == ["8000:8000"]
    for name in ("migrate", "worker"):
        assert services[name]["healthcheck"] == {"disable": True}


def test_services_set_only_variables_the_app_reads_or_compose_uses():
    """A variable is for the app (its settings read it) or for compose.yaml itself (an
    interpolation such as the database password or the reference-data flag)."""
    read = variables_the_app_reads()
    interpolated = set(re.findall(r"\$\{([A-Z][A-Z0-9_]*)", COMPOSE.read_text("utf-8")))
    for name, spec in app_services().items():
        assert spec["env_file"] == ".env", name
        unknown = set(spec.get("environment", {})) - read
        assert not unknown, f"{name} sets {unknown}, which the app does not read"
    unknown = env_example_names() - read - interpolated
    assert not unknown, f".env.example offers {unknown}, which nothing reads"


def test_documents_stay_in_the_database_so_no_volume_is_shared():
    for name, spec in app_services().items():
        assert "volumes" not in spec, name
    assert re.search(r"^DOCUMENT_STORAGE=database$", ENV_EXAMPLE.read_text("utf-8"), re.M)


def test_the_database_url_points_at_the_db_service():
    services = compose()["services"]
    db = services["db"]["environment"]
    url = app_services()["web"]["environment"]["DATABASE_URL"]
    user, database = db["POSTGRES_USER"], db["POSTGRES_DB"]
    assert url.startswith(f"postgres://{user}:${{POSTGRES_PASSWORD:?")
    assert url.endswith(f"@db:5432/{database}")


def test_the_image_installs_the_production_lock_with_hashes():
    instructions = dockerfile_instructions()
    copies = [arguments.split() for keyword, arguments in instructions if keyword == "COPY"]
    run = " ".join(arguments for keyword, arguments in instructions if keyword == "RUN")
    assert any(words[0] == "requirements.lock" for words in copies)
    assert not any("requirements-test.lock" in words for words in copies)
    assert "requirements-test.lock" not in run
    assert re.search(r"pip install --require-hashes -r \S*requirements\.lock", run)
    ignored = DOCKERIGNORE.read_text("utf-8").splitlines()
    # `COPY . /app` brings no test lock, tests, local environment or secrets into the image.
    assert {"requirements-test.lock", "tests", ".venv", ".env", ".git", "db.sqlite3"} <= set(
        ignored
    )


def test_every_copied_file_exists_and_reaches_the_build():
    ignored = set(DOCKERIGNORE.read_text("utf-8").splitlines())
    for keyword, arguments in dockerfile_instructions():
        if keyword != "COPY":
            continue
        *sources, _destination = [a for a in arguments.split() if not a.startswith("--")]
        for source in sources:
            assert (ROOT / source).exists(), f"COPY {source}: no such file"
            assert source not in ignored, f"COPY {source}: left out by .dockerignore"


def test_the_image_runs_as_a_fixed_non_root_user():
    users = [arguments for keyword, arguments in dockerfile_instructions() if keyword == "USER"]
    assert users, "no USER instruction: the image would run as root"
    uid = users[-1].split(":")[0]
    assert uid.isdigit() and int(uid) >= 1000, users[-1]


def test_the_image_serves_gunicorn_on_all_addresses_with_a_probe():
    all_instructions = dockerfile_instructions()
    instructions = dict(all_instructions)  # the last of each kind
    assert instructions["FROM"] == "python:3.11-slim-bookworm"
    assert instructions["CMD"] == '["gunicorn", "-c", "gunicorn.conf.py"]'
    assert ("ENV", "GUNICORN_BIND=0.0.0.0:8000") in all_instructions
    assert instructions["EXPOSE"] == "8000"
    assert "urllib.request" in instructions["HEALTHCHECK"]
    assert f"http://127.0.0.1:8000{LIVENESS_PATH}" in instructions["HEALTHCHECK"]


def test_collectstatic_runs_at_build_time_with_placeholders_only():
    instructions = dockerfile_instructions()
    collect = [a for keyword, a in instructions if keyword == "RUN" and "collectstatic" in a]
    assert collect and "SECRET_KEY=" in collect[0] and "DATABASE_URL=" in collect[0]
    # Placeholders belong to that one command: no secret is stored in the image's environment.
    env = " ".join(a for keyword, a in instructions if keyword in {"ENV", "ARG"})
    assert "SECRET_KEY" not in env and "DATABASE_URL" not in env
