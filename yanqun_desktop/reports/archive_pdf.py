"""Growth-archive PDFs (成长档案): one person, a cohort or everyone, in one file.

Each person starts on a new page and has page numbers of their own ("第 N 页 共 M 页" counts that
person's pages): a studio leader hands the archives out person by person, and each printout must
read as a complete document. The whole batch is still one file, written to a temporary name and
moved into place only when complete.

    result = write_archive_pdf(db, person_ids, "out.pdf", progress=..., cancelled=...)
    data = archive_pdf_bytes(db, person_id)          # in-app preview
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from yanqun_desktop.db.database import Database
from yanqun_desktop.reports.archive_data import ArchiveData, read_archive
from yanqun_desktop.reports.archive_sections import cover, sections
from yanqun_desktop.reports.fonts import FontSet, font_set
from yanqun_desktop.reports.pdf_parts import (
    Cancelled,
    Checkpoint,
    GroupStart,
    PageHeader,
    StreamingDocTemplate,
    Typesetter,
    numbered_canvas,
    signature_block,
    write_atomically,
)

log = logging.getLogger(__name__)

SIGNERS = ("学员（签名）", "导师（签名）", "工作室审核（签名）")


@dataclass
class PersonMissing:
    person_id: str
    name: str
    chars: list[str]


@dataclass
class ArchivePdfResult:
    path: Path | None
    pages: int
    people: int
    missing_chars: list[str] = field(default_factory=list)  # every character no font could draw
    missing_by_person: list[PersonMissing] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # font problems (a configured font that failed ...)
    data: bytes | None = None  # the PDF itself, for previews built in memory


def _person_story(ts: Typesetter, data: ArchiveData, width: float, printed_on: dt.date) -> list[Flowable]:
    header = PageHeader(data.street, data.studio or "书记工作室", f"打印日期：{printed_on.isoformat()}")
    story: list[Flowable] = [GroupStart(data.timeline.person_id, header)]
    story += cover(ts, data, width, printed_on)
    story.append(PageBreak())
    story += sections(ts, data, width)
    story.append(KeepTogether([
        ts.p("签名确认", "h1"),
        ts.p("以上内容经本人及导师核对无误。", "body"),
        Spacer(1, 2),
        signature_block(ts, SIGNERS, width),
    ]))
    return story


def _render(db: Database, person_ids: Sequence[str], out: Any, *, fonts: FontSet | None = None,
            progress: Callable[[int, int], None] | None = None,
            cancelled: Callable[[], bool] | None = None) -> ArchivePdfResult:
    fonts = fonts or font_set()
    ts = Typesetter(fonts)
    total = len(person_ids)
    result = ArchivePdfResult(None, 0, total)
    printed_on = dt.date.today()
    doc_missing: set[str] = set()
    done = [0]

    def check() -> None:
        if cancelled is not None and cancelled():
            raise Cancelled()

    def reached() -> None:
        done[0] += 1
        if progress is not None:
            progress(done[0], total)
        check()

    def chunks(width: float) -> Iterator[list[Flowable]]:
        for i, pid in enumerate(person_ids):
            check()
            data = read_archive(db, pid)
            ts.missing = set()
            story = ([PageBreak()] if i else []) + _person_story(ts, data, width, printed_on)
            if ts.missing:
                result.missing_by_person.append(PersonMissing(pid, data.name, sorted(ts.missing)))
                doc_missing.update(ts.missing)
            story.append(Checkpoint(reached))
            yield story

    canvas_cls = numbered_canvas(fonts, missing=doc_missing)
    doc = StreamingDocTemplate(out, title="成长档案", author="雁群", creator="雁群 yanqun",
                               subject="社区党委书记人才培养成长档案")
    doc._more = chunks(doc.width)
    if progress is not None:
        progress(0, total)
    doc.build([Spacer(0, 0)], canvasmaker=canvas_cls)
    result.pages = doc.canv.page_count if hasattr(doc.canv, "page_count") else doc.page
    result.missing_chars = sorted(doc_missing)
    result.warnings = fonts.warnings
    if result.missing_chars:
        log.warning("%d character(s) have no glyph in any font", len(result.missing_chars))
    return result


def write_archive_pdf(db: Database, person_ids: Sequence[str], out: str | os.PathLike[str], *,
                      progress: Callable[[int, int], None] | None = None,
                      cancelled: Callable[[], bool] | None = None,
                      fonts: FontSet | None = None) -> ArchivePdfResult:
    """Write the archives of ``person_ids`` (in that order) to ``out``. ``progress(done, total)``
    is called as each person is laid out; ``cancelled()`` returning True stops the run with
    ``Cancelled`` and leaves no file behind."""
    if not person_ids:
        raise ValueError("没有要打印的人员")
    holder: list[ArchivePdfResult] = []

    def build(tmp: str) -> None:
        holder.append(_render(db, person_ids, tmp, fonts=fonts, progress=progress, cancelled=cancelled))

    path = write_atomically(out, build)
    result = holder[0]
    result.path = path
    return result


def preview_archive(db: Database, person_id: str, *, fonts: FontSet | None = None) -> ArchivePdfResult:
    """One person's archive in memory (``result.data``), with its missing characters."""
    buf = io.BytesIO()
    result = _render(db, [person_id], buf, fonts=fonts)
    result.data = buf.getvalue()
    return result


def archive_pdf_bytes(db: Database, person_id: str, *, fonts: FontSet | None = None) -> bytes:
    data = preview_archive(db, person_id, fonts=fonts).data
    assert data is not None
    return data
