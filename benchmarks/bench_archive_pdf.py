"""Benchmark: growth-archive PDFs on demo data (issue 4 targets: one archive < 0.3 s once fonts
are loaded, a cohort of 300 archives < 30 s).

    python benchmarks/bench_archive_pdf.py                 # builds benchmarks/out/bench-archive.sqlite once
    python benchmarks/bench_archive_pdf.py --people 300 --repeat 7

Prints the cold figure (first archive in a fresh process, fonts loaded on the way), the warm
median, and the batch of N archives in one PDF, with pages and file size.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

OUT = Path(__file__).resolve().parent / "out"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=OUT / "bench-archive.sqlite")
    parser.add_argument("--scale", type=int, default=2000, help="demo people in the street (first run only)")
    parser.add_argument("--people", type=int, default=300, help="archives in the batch")
    parser.add_argument("--repeat", type=int, default=7, help="warm runs of one archive")
    args = parser.parse_args(argv)

    from yanqun_desktop.db.database import Database
    from yanqun_desktop.services.demo import generate_demo

    OUT.mkdir(parents=True, exist_ok=True)
    fresh = not args.db.exists()
    db = Database.open(args.db, keys_dir=OUT / "bench-archive-keys")
    if fresh:
        started = time.perf_counter()
        generate_demo(db, actor_name="benchmark", org_code="zhaoshang", scale=args.scale, seed=1)
        print(f"demo data ({args.scale} people): {time.perf_counter() - started:.1f}s")

    started = time.perf_counter()
    from yanqun_desktop.reports.archive_data import all_person_ids
    from yanqun_desktop.reports.archive_pdf import archive_pdf_bytes, write_archive_pdf
    from yanqun_desktop.reports.fonts import font_set

    ids = all_person_ids(db)
    if not ids:
        print("no trainees in the demo database", file=sys.stderr)
        return 1
    pid = ids[len(ids) // 2]
    fonts = font_set("")
    t0 = time.perf_counter()
    archive_pdf_bytes(db, pid, fonts=fonts)
    cold = time.perf_counter() - t0
    print(f"import reportlab + archive modules: {t0 - started:.2f}s")
    print(f"one archive, cold (fonts loaded on the way): {cold:.3f}s")
    warm = []
    for i in range(args.repeat):
        t0 = time.perf_counter()
        data = archive_pdf_bytes(db, ids[(len(ids) // 2 + i) % len(ids)], fonts=fonts)
        warm.append(time.perf_counter() - t0)
    print(f"one archive, warm: median {statistics.median(warm):.3f}s (min {min(warm):.3f}, max {max(warm):.3f}; "
          f"{len(data) // 1024} KB)")

    # The demo streets enrol about a hundred trainees: the batch cycles through them (each archive
    # is laid out afresh, so the figure is that of N distinct archives of realistic size).
    batch = [ids[i % len(ids)] for i in range(args.people)]
    print(f"trainees in the demo street: {len(ids)}")
    out = OUT / f"bench-archive-{len(batch)}.pdf"
    t0 = time.perf_counter()
    result = write_archive_pdf(db, batch, out, fonts=fonts)
    elapsed = time.perf_counter() - t0
    print(f"{len(batch)} archives in one PDF: {elapsed:.1f}s ({elapsed / len(batch) * 1000:.0f} ms each), "
          f"{result.pages} pages, {out.stat().st_size / 1e6:.1f} MB, missing characters: {len(result.missing_chars)}")
    db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
