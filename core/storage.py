"""Where generated documents are kept: the storage every app instance reads.

`DOCUMENT_STORAGE` chooses it (docs/operations.md, "Opslag van documenten"):

- `database` (the default): `DatabaseStorage`, the bytes in the database every instance already
  shares; the database dump is the whole backup.
- `filesystem`: Django's `FileSystemStorage` under `MEDIA_ROOT`, which must then be one shared
  directory (NFS, a shared volume) for every instance.
- `s3`: S3-compatible object storage through django-storages, for large installations.

Documents are served only by the views of the row that owns them (an issued letter's PDF through
the letter's scoped, permission-checked views); no view serves a stored file by its name.
"""

import hashlib
import io

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile, File
from django.core.files.storage import Storage
from django.db import IntegrityError, models, transaction
from django.utils.deconstruct import deconstructible

DOCUMENT_STORAGES = ("database", "filesystem", "s3")


@deconstructible(path="core.storage.DatabaseStorage")
class DatabaseStorage(Storage):
    """Files as rows of `core.StoredFile`: name, content, size, SHA-256 and the time of writing.

    Writes take part in the open transaction: a write rolled back leaves no file behind. A name
    is written once; `save()` picks a free name as Django's storages do, and a name taken by a
    concurrent writer in the meantime is retried with another.
    """

    def _rows(self):
        from core.models import StoredFile

        return StoredFile.objects

    def _save(self, name, content):
        data = b"".join(
            chunk.encode() if isinstance(chunk, str) else chunk for chunk in content.chunks()
        )
        while True:
            try:
                with transaction.atomic():
                    self._rows().create(
                        name=name,
                        content=data,
                        size=len(data),
                        sha256=hashlib.sha256(data).hexdigest(),
                    )
                return name
            except IntegrityError:
                if not self.exists(name):
                    raise
                name = self.get_available_name(name, max_length=255)

    def _content(self, name) -> bytes:
        content = self._rows().filter(name=name).values_list("content", flat=True).first()
        if content is None:
            raise FileNotFoundError(f"Geen opgeslagen document met de naam {name!r}.")
        return bytes(content)

    def _open(self, name, mode="rb"):
        if "w" in mode or "a" in mode or "+" in mode:
            raise ValueError("DatabaseStorage opens documents for reading only.")
        content = self._content(name)
        if "b" not in mode:
            return File(io.StringIO(content.decode()), name=name)
        return ContentFile(content, name=name)

    def exists(self, name):
        return self._rows().filter(name=name).exists()

    def delete(self, name):
        self._rows().filter(name=name).delete()

    def size(self, name):
        size = self._rows().filter(name=name).values_list("size", flat=True).first()
        if size is None:
            raise FileNotFoundError(f"Geen opgeslagen document met de naam {name!r}.")
        return size

    def sha256(self, name) -> str:
        """The SHA-256 recorded when the file was written."""
        digest = self._rows().filter(name=name).values_list("sha256", flat=True).first()
        if digest is None:
            raise FileNotFoundError(f"Geen opgeslagen document met de naam {name!r}.")
        return digest

    def get_created_time(self, name):
        created = self._rows().filter(name=name).values_list("created", flat=True).first()
        if created is None:
            raise FileNotFoundError(f"Geen opgeslagen document met de naam {name!r}.")
        return created

    def listdir(self, path):
        prefix = path.strip("/") + "/" if path.strip("/") else ""
        directories, files = set(), []
        for name in self._rows().filter(name__startswith=prefix).values_list("name", flat=True):
            head, _sep, tail = name[len(prefix) :].partition("/")
            if tail:
                directories.add(head)
            else:
                files.append(head)
        return sorted(directories), sorted(files)

    def url(self, name):
        # No address of its own: a document is served only through the views of the row that
        # owns it, which are region-scoped and check permissions. (The admin shows no link.)
        return ""


def document_storage(env) -> dict:
    """`STORAGES["default"]` for the `DOCUMENT_STORAGE` the environment chooses."""
    kind = env.str("DOCUMENT_STORAGE", default="database")
    if kind == "database":
        return {"BACKEND": "core.storage.DatabaseStorage"}
    if kind == "filesystem":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if kind == "s3":
        return {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": env.str("S3_BUCKET"),
                "endpoint_url": env.str("S3_ENDPOINT_URL", default=None),
                "region_name": env.str("S3_REGION", default=None),
                # Without keys boto3 takes its own chain (AWS_* variables, a pod's role).
                "access_key": env.str("S3_ACCESS_KEY_ID", default=None),
                "secret_key": env.str("S3_SECRET_ACCESS_KEY", default=None),
                "location": env.str("S3_PREFIX", default=""),
                # Issued documents are never overwritten, and never public: the bucket stays
                # private and the app serves them through its own views.
                "file_overwrite": False,
                "default_acl": None,
                "querystring_auth": True,
            },
        }
    raise ImproperlyConfigured(
        f"DOCUMENT_STORAGE moet een van {', '.join(DOCUMENT_STORAGES)} zijn, niet {kind!r}."
    )


def recorded_checksums() -> dict[str, str]:
    """File name → SHA-256, from every model with a file field beside a `sha256` field."""
    recorded = {}
    for model in apps.get_models():
        names = {field.name for field in model._meta.get_fields()}
        if "sha256" not in names:
            continue
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                # The base manager is Django's plain one: these rows are read across regions.
                rows = model._base_manager.exclude(**{field.attname: ""})
                recorded.update(rows.values_list(field.attname, "sha256"))
    return recorded
