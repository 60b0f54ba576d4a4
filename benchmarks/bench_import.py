"""Importing a 10,000-row list into the large demo (10,000 actors): a generated Finnish Excel CSV
with a contact person and a capability on every row, a tenth of the rows naming actors already
in the register (filled in). Measured from reading the file to the committed import, including
the checked backup before it and the search index; the test run (the same work rolled back);
and the memory the import takes (peak RSS over the RSS before reading the file), each in a
process of its own on a fresh copy of the demo."""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

from benchmarks.common import BenchContext, Result

ROWS = 10_000
MATCHING = ROWS // 10
CATEGORIES = ("Ensiapu", "Ruokahuolto", "Kuljetus", "Tilat", "Henkinen tuki", "Tiedottaminen")
SITUATIONS = ("Sähkökatko", "Myrsky", "Onnettomuus", "Epidemia")
PHASES = ("V", "T", "J", "V, T", "T, J", "V, T, J")
KINDS = ("yhdistys", "Yhdistys", "seurakunta", "yritys", "valmiusjärjestö", "muu")
FIRST = ("Anna", "Matti", "Liisa", "Juha", "Sanna", "Pekka", "Aino", "Eero", "Öljä", "Åsa")
LAST = ("Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Hämäläinen", "Ström", "Laine")

CHILD = """
import json, resource, sys, time
from pathlib import Path

def rss_mb():
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0

from verkosto_desktop.data.exchange.apply import run_import
from verkosto_desktop.data.exchange.batches import initial_mapping
from verkosto_desktop.data.exchange.reading import read_file
from verkosto_desktop.data.exchange.results import ImportPlan
from verkosto_desktop.data.storage.store import Store

source, database, mode = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
store = Store.open(database)
before = rss_mb()
started = time.perf_counter()
cpu = time.process_time()
table = read_file(source)
mapping, _batch = initial_mapping(store, table)
result = run_import(store, ImportPlan(table, mapping, source.name), dry_run=(mode == "dry"))
elapsed = time.perf_counter() - started
cpu = time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
store.close()
print(json.dumps({"seconds": elapsed, "cpu": cpu, "before": before, "peak": peak,
                  "counts": result.counts}))
"""


def _phone(rng: random.Random) -> str:
    return f"04{rng.choice('0456')} {rng.randrange(100, 1000)} {rng.randrange(1000, 10000)}"


def write_list(path: Path, demo: Path) -> None:
    """The generated list (UTF-8 with a BOM, ``;``, Finnish numbers), from a fixed seed."""
    rng = random.Random(14)
    connection = sqlite3.connect(demo)
    try:
        existing = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM actor WHERE deleted_at IS NULL ORDER BY id LIMIT ?", (MATCHING,)
            )
        ]
    finally:
        connection.close()
    header = (
        "Nimi;Tyyppi;Alue;Osoite;Yhteyshenkilö;Rooli;Matkapuhelin;Sähköposti;Osaaminen;"
        "Vaiheet;Häiriötilanteet;Kapasiteetti;24/7"
    )
    lines = [header]
    for n in range(ROWS):
        name = existing[n] if n < len(existing) else f"Tuontiyhdistys {n:05d} ry"
        first, last = rng.choice(FIRST), rng.choice(LAST)
        lines.append(
            ";".join(
                [
                    name,
                    rng.choice(KINDS),
                    f"Kylä {n % 97}",
                    f"Kylätie {n % 50 + 1}",
                    f"{first} {last} {n}",
                    "puheenjohtaja",
                    _phone(rng),
                    f"{first.lower()}.{n}@example.fi",
                    rng.choice(CATEGORIES),
                    f'"{rng.choice(PHASES)}"',
                    f'"{rng.choice(SITUATIONS)}, {rng.choice(SITUATIONS)}"',
                    f"{rng.randrange(1, 3000):,}".replace(",", " "),
                    rng.choice(("x", "")),
                ]
            )
        )
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))


def _measure(ctx: BenchContext, source: Path, mode: str) -> dict[str, float]:
    database = ctx.copy_of(ctx.large_demo(), f"import-bench-{mode}.verkosto")
    env = dict(os.environ, VERKOSTO_HOME=str(ctx.folder / "import-bench-home"))
    try:
        output = subprocess.run(
            [sys.executable, "-c", CHILD, str(source), str(database), mode],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        ).stdout
    finally:
        for leftover in ctx.folder.glob(f"import-bench-{mode}.verkosto*"):
            leftover.unlink()
    return json.loads(output.splitlines()[-1])


def run(ctx: BenchContext) -> list[Result]:
    source = ctx.folder / "import-bench.csv"
    write_list(source, ctx.large_demo())
    trial = _measure(ctx, source, "dry")
    real = _measure(ctx, source, "real")
    source.unlink()
    growth = real["peak"] - real["before"]
    counts = real["counts"]
    assert counts["rows"] == ROWS and counts["actors_new"] == ROWS - MATCHING, counts
    return [
        Result(
            "import: 10,000-row CSV into the large demo, with backup and search index",
            real["seconds"],
            "s",
            target="<= 10 s",
            ok=real["seconds"] <= 10,
        ),
        Result(
            "import: its test run (the same work rolled back)",
            trial["seconds"],
            "s",
            target="<= 8 s",
            ok=trial["seconds"] <= 8,
        ),
        Result(
            "import: its CPU time (the machine's load aside)",
            real["cpu"],
            "s",
        ),
        Result(
            "import: the test run's CPU time",
            trial["cpu"],
            "s",
        ),
        Result(
            "import: memory (peak RSS over RSS before reading the file)",
            growth,
            "MB",
            target="<= +100 MB",
            ok=growth <= 100,
        ),
    ]
