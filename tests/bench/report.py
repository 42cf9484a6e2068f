"""The bench's figures: percentiles, the ratio to the floor of the same run, the spread over
repeated runs, and the table printed beside the JSON."""

from __future__ import annotations

import math
import statistics

from .cluster import log


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def ratio(value: float | None, base: float | None) -> float | None:
    """`value` as a multiple of `base` (None when either is missing or the base is zero)."""
    if value is None or not base:
        return None
    return round(value / base, 2)


def summary(samples: list[float]) -> dict:
    return {
        "p50_ms": round(statistics.median(samples), 1),
        "p95_ms": round(percentile(samples, 0.95), 1),
        "n": len(samples),
    }


def repeat_summary(repeats: list[dict]) -> dict:
    """Figures of one measurement repeated: per repeat the p50/p95 of the request and of its
    interleaved floor and their ratio; over the repeats the median and the spread (min–max)."""
    runs = []
    for one in repeats:
        own, floor = summary(one["samples_ms"]), summary(one["floor_ms"])
        runs.append(
            {
                **own,
                "floor_p50_ms": floor["p50_ms"],
                "floor_p95_ms": floor["p95_ms"],
                "ratio_p50": ratio(own["p50_ms"], floor["p50_ms"]),
                "ratio_p95": ratio(own["p95_ms"], floor["p95_ms"]),
            }
        )
    p50s = [run["p50_ms"] for run in runs]
    ratios = [run["ratio_p50"] for run in runs if run["ratio_p50"] is not None]
    return {
        "p50_ms": round(statistics.median(p50s), 1),
        "p95_ms": round(statistics.median(run["p95_ms"] for run in runs), 1),
        "floor_p50_ms": round(statistics.median(run["floor_p50_ms"] for run in runs), 1),
        "ratio_p50": round(statistics.median(ratios), 2) if ratios else None,
        "spread_p50_ms": [round(min(p50s), 1), round(max(p50s), 1)],
        "spread_ratio_p50": [min(ratios), max(ratios)] if ratios else None,
        "repeats": runs,
        "http_status": repeats[-1].get("http_status"),
    }


def _windows(row: dict, state: str) -> str:
    return "/".join(_fmt(value) for value in row.get(f"{state}_p95_windows_ms") or [])


def _fmt(value, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def print_table(results: dict) -> None:
    log()
    log(f"Database: {results['database']}; gunicorn-timeout {results['gunicorn_timeout']} s")
    log(
        f"Belasting (load average 1/5/15 min) bij start {results['load_average_start']}, "
        f"einde {results['load_average_end']}, {results['cpu_count']} cores"
    )
    header = (
        f"{'pagina':<34} {'schaal':<9} {'p50 ms':>8} {'p95 ms':>8} {'vloer':>6} {'×vloer':>7}"
        f" {'spreiding p50':>15} {'queries':>7}  gebruiker"
    )
    log(header)
    log("-" * len(header))
    for page in results["pages"]:
        if "error" in page:
            log(f"{page['name'][:34]:<34} {page['scale']:<9} niet gemeten: {page['error']}")
            continue
        spread = page.get("spread_p50_ms") or [None, None]
        log(
            f"{page['name'][:34]:<34} {page['scale']:<9} {_fmt(page.get('p50_ms')):>8}"
            f" {_fmt(page.get('p95_ms')):>8} {_fmt(page.get('floor_p50_ms')):>6}"
            f" {_fmt(page.get('ratio_p50'), 2):>7}"
            f" {_fmt(spread[0]):>7}–{_fmt(spread[1]):<7} {page.get('queries', '–')!s:>7}"
            f"  {page['user']} ({page.get('http_status')})"
        )
    if results.get("pdf"):
        log()
        log("PDF in het proces (afwisselend gemeten, dezelfde fontconfiguratie, PDF/A-3a):")
        for pdf in results["pdf"]:
            log(
                f"  {pdf['name']:<40} {pdf['scale']:<9} {_fmt(pdf['p50_ms']):>8} ms"
                f"  naast {pdf['baseline']}: {_fmt(pdf['baseline_p50_ms'])} ms"
                f"  = {_fmt(pdf['ratio'], 2)}×  ({pdf.get('pages', '?')} p.)"
            )
            if pdf.get("same_pages_ratio"):
                log(
                    f"  {'':<40} {'':<9} {'':>8}   naast platte tekst van "
                    f"{pdf['same_pages']} p.: {_fmt(pdf['same_pages_p50_ms'])} ms"
                    f"  = {_fmt(pdf['same_pages_ratio'], 2)}×"
                )
    if results.get("jobs"):
        log()
        log("Achtergrondtaken (tijd tot 'klaar', gezien op de taakpagina):")
        for job in results["jobs"]:
            extra = f"  = {_fmt(job['ratio'], 2)}× {job['ratio_to']}" if job.get("ratio") else ""
            log(
                f"  {job['name']:<40} {job['scale']:<9} {_fmt(job.get('seconds'), 2):>8} s"
                f"  {job.get('outcome', '')}{extra}"
            )
    if results.get("concurrency"):
        log()
        log("Gelijktijdige clients (elk een eigen sessie):")
        for row in results["concurrency"]:
            log(
                f"  {row['name']:<28} {row['scale']:<9} {row['clients']:>3} clients"
                f"  {_fmt(row['throughput_per_s'], 1):>7} /s  p95 {_fmt(row['p95_ms']):>8} ms"
                f"  fouten {row['errors']}"
            )
    if results.get("under_load"):
        log()
        log("Terwijl zware taken lopen (mediaan van de p95 per meting, rust → belast):")
        for row in results["under_load"]:
            log(
                f"  {row['name']:<28} {row['scale']:<9} {_fmt(row['idle_p95_ms']):>8} →"
                f" {_fmt(row['loaded_p95_ms']):>8} ms  = {_fmt(row['ratio_p95'], 2)}×"
                f"  (per meting {_windows(row, 'idle')} → {_windows(row, 'loaded')} ms;"
                f" {row['heavy']})"
            )
    for note in results["notes"]:
        log(f"NB: {note}")
