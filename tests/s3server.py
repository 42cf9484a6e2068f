"""A local S3-compatible server for the tests of `DOCUMENT_STORAGE=s3`: moto in server mode on
127.0.0.1, with one empty bucket. Tests that use it skip when a package is missing."""

import importlib
import uuid
from dataclasses import dataclass

import pytest

S3_PACKAGES = {"django-storages": "storages", "boto3": "boto3", "moto[server]": "moto.server"}


def require_s3_packages() -> None:
    missing = []
    for package, module in S3_PACKAGES.items():
        try:
            importlib.import_module(module)
        except ImportError:
            missing.append(package)
    if missing:
        pytest.skip(
            "S3-opslag niet getest: pakket(ten) " + ", ".join(missing) + " niet geïnstalleerd"
        )


@dataclass(frozen=True)
class S3Server:
    endpoint_url: str
    bucket: str
    access_key: str = "test-sleutel"
    secret_key: str = "test-geheim"
    region: str = "eu-west-1"

    def environment(self) -> dict[str, str]:
        """What an app instance needs in its environment to store its documents here."""
        return {
            "DOCUMENT_STORAGE": "s3",
            "S3_BUCKET": self.bucket,
            "S3_ENDPOINT_URL": self.endpoint_url,
            "S3_ACCESS_KEY_ID": self.access_key,
            "S3_SECRET_ACCESS_KEY": self.secret_key,
            "S3_REGION": self.region,
        }

    def storages_setting(self, storages: dict) -> dict:
        options = {
            "bucket_name": self.bucket,
            "endpoint_url": self.endpoint_url,
            "access_key": self.access_key,
            "secret_key": self.secret_key,
            "region_name": self.region,
            "file_overwrite": False,
            "default_acl": None,
        }
        return {
            **storages,
            "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
        }

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
            region_name=self.region,
        )


@pytest.fixture
def s3_server():
    require_s3_packages()
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        s3 = S3Server(
            endpoint_url=f"http://{host}:{port}", bucket=f"documenten-{uuid.uuid4().hex[:8]}"
        )
        s3.client().create_bucket(
            Bucket=s3.bucket, CreateBucketConfiguration={"LocationConstraint": s3.region}
        )
        yield s3
    finally:
        server.stop()
