"""Printing the contact list of the generated registers (10,000 and 100,000 actors): the document
as Verkosto builds it (page template, repeated header rows, blocks kept whole, wrapping) against
the same rows drawn straight on a ReportLab canvas with the same embedded font, in the same run
(CPU time of this process, so that other work on a shared machine does not blur the ratio). Also
pages per second, peak memory of both, and growth: 4N actors must take at most 5x the time of N."""

from __future__ import annotations

import io
import time
import tracemalloc
from collections.abc import Callable, Sequence

from benchmarks.common import BenchContext, Result, Size
from verkosto_desktop.data.register.contact_sheet import SheetActor, sheet_actor_ids, sheet_actors
from verkosto_desktop.data.register.search import ActorFilter
from verkosto_desktop.data.storage.store import Store
from verkosto_desktop.domain.timefmt import format_date
from verkosto_desktop.export.contact_list import contact_list_part
from verkosto_desktop.export.formatting import phone
from verkosto_desktop.export.template import FONT, FONT_BOLD, Letterhead, build_pdf, register_fonts


def verkosto_pdf(actors: Sequence[SheetActor]) -> int:
    """The real contact list (pages)."""
    out = io.BytesIO()
    head = Letterhead("Suuri esimerkkiverkosto")
    return build_pdf(out, [contact_list_part(head, actors, "none", subtitle="Kaikki")])


def bare_canvas_pdf(actors: Sequence[SheetActor]) -> int:
    """The same texts drawn with ``drawString`` at fixed positions: no layout engine at all."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas

    register_fonts()
    out = io.BytesIO()
    width, height = landscape(A4)
    canvas = Canvas(out, pagesize=(width, height), initialFontName=FONT, pageCompression=1)
    x = [37, 220, 362, 475, 605, 730, 765]
    y = height - 60
    pages = 1
    for actor in actors:
        lines = max(len(actor.contacts), 1) * 2
        if y - lines * 10 < 50:
            canvas.showPage()
            pages += 1
            y = height - 60
        canvas.setFont(FONT_BOLD, 8.5)
        canvas.drawString(x[0], y, actor.name)
        canvas.setFont(FONT, 7.5)
        canvas.drawString(x[0], y - 10, f"{actor.kind} · {actor.area}")
        for contact in actor.contacts:
            canvas.setFont(FONT, 8.5)
            canvas.drawString(x[1], y, contact.name)
            canvas.drawString(x[1], y - 10, contact.role)
            canvas.drawString(x[2], y, phone(contact.mobile))
            canvas.drawString(x[3], y, contact.email or "")
            canvas.drawString(x[4], y, contact.radio)
            canvas.drawString(x[5], y, "24/7" if contact.reachable_24_7 else "")
            canvas.drawString(x[6], y, format_date(contact.last_verified_on))
            y -= 20
        y -= 4
    canvas.save()
    return pages


def timed(
    build: Callable[[Sequence[SheetActor]], int], actors: Sequence[SheetActor]
) -> tuple[float, int]:
    """CPU seconds of this process (the machine is shared: wall time would measure the
    neighbours) and the pages built."""
    start = time.process_time()
    pages = build(actors)
    return time.process_time() - start, pages


def peak_mb(build: Callable[[Sequence[SheetActor]], int], actors: Sequence[SheetActor]) -> float:
    tracemalloc.start()
    try:
        build(actors)
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def run(ctx: BenchContext) -> list[Result]:
    return [result for size in ctx.sizes() for result in _run(ctx, size)]


def _run(ctx: BenchContext, size: Size) -> list[Result]:
    # Best of two runs on the smaller register (the machine may be shared); one run of each on
    # the national one, whose document takes minutes.
    runs = 2 if size.actors <= 10_000 else 1
    store = Store.open(ctx.generated(size), readonly=True)
    try:
        start = time.perf_counter()
        actors = sheet_actors(store, sheet_actor_ids(store, ActorFilter(), "none"))
        read = time.perf_counter() - start
    finally:
        store.close()
    verkosto_pdf(actors[:200])  # warm both paths (font subsets, imports)
    bare_canvas_pdf(actors[:200])
    ours, pages = min(timed(verkosto_pdf, actors) for _run in range(runs))
    bare, bare_pages = min(timed(bare_canvas_pdf, actors) for _run in range(runs))
    quarter = len(actors) // 4
    small = min(timed(verkosto_pdf, actors[:quarter])[0] for _run in range(runs))
    big = ours if 4 * quarter == len(actors) else timed(verkosto_pdf, actors[: 4 * quarter])[0]
    our_memory = peak_mb(verkosto_pdf, actors)
    bare_memory = peak_mb(bare_canvas_pdf, actors)
    label = size.label
    return [
        Result("contact list rows read", read, "s", size=label),
        Result(
            f"contact list PDF ({pages:,} pages)",
            ours,
            "s",
            baseline=bare,
            target="<= 2.5x bare canvas",
            ok=ours <= 2.5 * bare,
            size=label,
        ),
        Result(
            "contact list pages per second",
            pages / ours,
            "pages/s",
            target=">= 100",
            ok=pages / ours >= 100,
            size=label,
        ),
        Result(
            f"bare canvas pages ({bare_pages:,}) per second",
            bare_pages / bare,
            "pages/s",
            size=label,
        ),
        Result(
            "growth: all actors vs a quarter of them",
            big / small,
            "x",
            target="<= 5x",
            ok=big / small <= 5,
            size=label,
        ),
        Result("contact list peak memory", our_memory, "MB", baseline=bare_memory, size=label),
    ]
