"""Growth-archive PDFs, read back with pypdf."""

from __future__ import annotations

import io
import re
import struct
import zlib
from pathlib import Path

import pytest
from archive_people import LONG_NOTE, add_mentor, make_trainee
from pypdf import PdfReader

from yanqun_desktop.db.database import Database
from yanqun_desktop.reports.archive_data import all_person_ids, cohort_person_ids
from yanqun_desktop.reports.archive_pdf import archive_pdf_bytes, preview_archive, write_archive_pdf
from yanqun_desktop.reports.fonts import FontSet
from yanqun_desktop.reports.pdf_parts import Cancelled
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.people import retire_person, save_person
from yanqun_desktop.services.photos import set_photo


@pytest.fixture
def fonts(tmp_path: Path) -> FontSet:
    return FontSet(None, windows_dir=tmp_path / "no-windows")  # the shipped fonts on every machine


def _text(reader: PdfReader) -> str:
    return "\n".join(p.extract_text() for p in reader.pages)


def _png(w: int = 50, h: int = 70) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\0" + bytes((180, 40, 40)) * w for _ in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _images(reader: PdfReader, page: int) -> list[str]:
    xobjects = reader.pages[page]["/Resources"].get("/XObject", {})
    return [k for k, v in xobjects.items() if v.get_object()["/Subtype"] == "/Image"]


def test_one_archive_reads_back(street_db: Database, clerk: Actor, fonts: FontSet, tmp_path: Path) -> None:
    pid, cohort = make_trainee(street_db, clerk, "林晓燕")
    add_mentor(street_db, clerk, pid, cohort)
    out = tmp_path / "out" / "archive.pdf"
    result = write_archive_pdf(street_db, [pid], out, fonts=fonts)
    assert result.path == out and out.exists() and result.people == 1 and result.missing_chars == []
    reader = PdfReader(out)
    assert len(reader.pages) == result.pages >= 3
    text = _text(reader)
    for heading in ("成长档案", "林晓燕", "基本信息", "任职经历", "培训记录", "课题与角色", "能力测评", "荣誉", "导师",
                    "结果运用", "成长记录", "学员（签名）", "导师（签名）", "工作室审核（签名）",
                    "沙河街道书记工作室第一期", "社区党委书记", "陈国强", "优秀社区工作者",
                    "社区人才储备库", "大学本科", "汉族"):
        assert heading in text, heading
    assert "日期：______年____月____日" in text
    assert f"第 1 页 共 {result.pages} 页" in text and f"第 {result.pages} 页 共 {result.pages} 页" in text
    assert "13900001234" not in text  # no phone on the printout
    assert not list(tmp_path.joinpath("out").glob("*.part"))


def test_fonts_are_embedded_subsets(street_db: Database, clerk: Actor, fonts: FontSet) -> None:
    pid, _ = make_trainee(street_db, clerk, "林晓燕")
    reader = PdfReader(io.BytesIO(archive_pdf_bytes(street_db, pid, fonts=fonts)))
    seen = set()
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            seen.add(font["/BaseFont"])
            assert re.fullmatch(r"/[A-Z]{6}\+.+", font["/BaseFont"]), font["/BaseFont"]  # subset prefix
            assert "/FontFile2" in font["/FontDescriptor"]  # TrueType outlines embedded
    assert any("WenQuanYi" in f for f in seen) and any("UMing" in f for f in seen)


def test_rare_name_prints_from_the_fallback_font(street_db: Database, clerk: Actor, fonts: FontSet) -> None:
    pid, _ = make_trainee(street_db, clerk, "王㛃䶮")
    result = preview_archive(street_db, pid, fonts=fonts)
    assert result.missing_chars == []
    reader = PdfReader(io.BytesIO(result.data or b""))
    assert "王㛃䶮" in _text(reader)
    # the cover title is in the Hei face, which lacks them: the Song face draws them
    first = reader.pages[0]
    names = {v.get_object()["/BaseFont"] for v in first["/Resources"]["/Font"].values()}
    assert any("UMing" in n for n in names)
    content = first.get_contents().get_data().decode("latin-1")
    assert content.count("Tf") >= 2


def test_unprintable_character_is_reported(street_db: Database, clerk: Actor, fonts: FontSet, tmp_path: Path) -> None:
    odd = "\U00020000"
    pid, _ = make_trainee(street_db, clerk, f"张{odd}")
    result = write_archive_pdf(street_db, [pid], tmp_path / "a.pdf", fonts=fonts)
    assert result.missing_chars == [odd]
    assert [(m.name, m.chars) for m in result.missing_by_person] == [(f"张{odd}", [odd])]


def test_long_text_keeps_every_character_in_order(street_db: Database, clerk: Actor, fonts: FontSet) -> None:
    pid, _ = make_trainee(street_db, clerk, "林晓燕", sessions=60, note_repeats=40)  # a note over several pages
    result = preview_archive(street_db, pid, fonts=fonts)
    reader = PdfReader(io.BytesIO(result.data or b""))
    assert result.pages >= 5
    flat = re.sub(r"\s+", "", _text(reader))
    # the note spans pages: drop the page furniture between its parts, then it reads whole
    # (the note has none of these strings; pypdf may read them between its parts, in stream order)
    flat = re.sub(r"沙河街道沙河街道书记工作室第一期第\d+页共\d+页打印日期：\d{4}-\d{2}-\d{2}", "", flat)
    flat = flat.replace("日期类型内容", "").replace("2022-09-01备注", "")
    assert re.sub(r"\s+", "", LONG_NOTE * 40) in flat
    assert "社区治理专题课程第60讲" in flat and _text(reader).count("课程 / 活动") >= 2  # header repeats


def test_photo_on_the_cover_or_an_empty_box(street_db: Database, clerk: Actor, fonts: FontSet) -> None:
    pid, _ = make_trainee(street_db, clerk, "林晓燕")
    bare = PdfReader(io.BytesIO(archive_pdf_bytes(street_db, pid, fonts=fonts)))
    assert _images(bare, 0) == [] and "照片" in bare.pages[0].extract_text()
    set_photo(street_db, clerk, pid, _png())
    with_photo = PdfReader(io.BytesIO(archive_pdf_bytes(street_db, pid, fonts=fonts)))
    assert len(_images(with_photo, 0)) == 1 and "照片" not in with_photo.pages[0].extract_text()


def test_cohort_pdf_numbers_pages_per_person(street_db: Database, clerk: Actor, fonts: FontSet,
                                             tmp_path: Path) -> None:
    first, cohort = make_trainee(street_db, clerk, "林晓燕")
    second, _ = make_trainee(street_db, clerk, "周海涛", cohort_id=cohort, sessions=40)
    gone, _ = make_trainee(street_db, clerk, "郑离开", cohort_id=cohort)
    retire_person(street_db, clerk, gone, "调离")
    save_person(street_db, clerk, {"name": "不是学员"})
    ids = cohort_person_ids(street_db, cohort)
    assert set(ids) == {first, second} and all_person_ids(street_db) == ids
    seen: list[tuple[int, int]] = []
    result = write_archive_pdf(street_db, ids, tmp_path / "cohort.pdf", fonts=fonts,
                               progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 2) and seen[-1] == (2, 2)
    reader = PdfReader(tmp_path / "cohort.pdf")
    assert len(reader.pages) == result.pages
    footers = [re.search(r"第 (\d+) 页 共 (\d+) 页", p.extract_text()).groups() for p in reader.pages]  # type: ignore[union-attr]
    starts = [i for i, (n, _) in enumerate(footers) if n == "1"]
    assert len(starts) == 2  # each person starts at 第 1 页 ...
    split = starts[1]
    assert all(int(m) == split for _, m in footers[:split])  # ... and 共 M counts that person's pages
    assert all(int(m) == len(footers) - split for _, m in footers[split:])
    names = [p.extract_text() for p in (reader.pages[0], reader.pages[split])]
    assert "林晓燕" in names[0] and "周海涛" in names[1]


def test_cancel_leaves_no_file(street_db: Database, clerk: Actor, fonts: FontSet, tmp_path: Path) -> None:
    first, cohort = make_trainee(street_db, clerk, "林晓燕")
    second, _ = make_trainee(street_db, clerk, "周海涛", cohort_id=cohort)
    out = tmp_path / "cancelled.pdf"
    calls: list[int] = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 1  # let the first person through, then cancel

    with pytest.raises(Cancelled):
        write_archive_pdf(street_db, [first, second], out, fonts=fonts, cancelled=cancelled)
    assert list(tmp_path.iterdir()) == [tmp_path / "street.sqlite", *sorted(tmp_path.glob("keys"))] or \
        (not list(tmp_path.glob("*.pdf*")) and not list(tmp_path.glob(".*part")))
    assert not out.exists()
