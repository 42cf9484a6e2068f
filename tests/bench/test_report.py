"""The bench's own arithmetic: its modules import, and its figures are computed right."""

import importlib

import pytest

from tests.bench import client, report

MODULES = ["cluster", "client", "report", "scenarios", "setup_data", "run"]


@pytest.mark.parametrize("module", MODULES)
def test_the_bench_modules_import(module):
    importlib.import_module(f"tests.bench.{module}")


def test_percentile_is_nearest_rank():
    samples = [float(n) for n in range(1, 21)]  # 1 … 20
    assert report.percentile(samples, 0.5) == 10.0
    assert report.percentile(samples, 0.95) == 19.0
    assert report.percentile([7.0], 0.95) == 7.0


def test_ratio_is_none_without_a_base():
    assert report.ratio(30.0, 10.0) == 3.0
    assert report.ratio(30.0, 0) is None
    assert report.ratio(None, 10.0) is None


def test_a_repeated_measurement_gives_the_ratio_to_its_own_floor_and_the_spread():
    repeats = [
        {"samples_ms": [10.0, 12.0, 14.0], "floor_ms": [1.0, 2.0, 3.0], "http_status": 200},
        {"samples_ms": [30.0, 36.0, 42.0], "floor_ms": [3.0, 6.0, 9.0], "http_status": 200},
    ]
    figures = report.repeat_summary(repeats)
    # The second run was three times slower, and so was its floor: the ratio stays 6.
    assert [run["ratio_p50"] for run in figures["repeats"]] == [6.0, 6.0]
    assert figures["ratio_p50"] == 6.0
    assert figures["spread_p50_ms"] == [12.0, 36.0]
    assert figures["spread_ratio_p50"] == [6.0, 6.0]
    assert figures["p50_ms"] == 24.0


def test_the_second_factor_code_is_rfc_6238s():
    # RFC 6238, appendix B: SHA-1 at 59 s gives 94287082; the app shows its last six digits.
    assert client.totp(at=59) == "287082"
    assert client.totp(at=1111111109) == "081804"
