"""yanqun archive print (PERSON | --cohort C | --all) --out PATH."""

from __future__ import annotations

from pathlib import Path

import pytest
from db_template import open_sqlite
from pypdf import PdfReader

from yanqun_desktop.cli import main
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.people import save_person
from yanqun_desktop.services.programmes import save_cohort, save_enrolment
from yanqun_desktop.services.setup import initialise


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "s.sqlite"
    db = open_sqlite(path, keys_dir=tmp_path / "keys")
    initialise(db, "shahe")
    clerk = Actor("王小红", "admin", "shahe")
    cohort = save_cohort(db, clerk, {"number": 2, "start_date": "2023-03-01"}).id
    for name in ("林晓燕", "周海涛", "王\U00020000"):
        pid = save_person(db, clerk, {"name": name, "community": "白石东", "id_card": "11010519491231002X"
                                      if name == "林晓燕" else None}).id
        save_enrolment(db, clerk, {"cohort_id": cohort, "person_id": pid, "enrolled_on": "2023-03-01"})
    save_person(db, clerk, {"name": "张三"})
    save_person(db, clerk, {"name": "张三"})
    db.dispose()
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_print_one_person(capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "pdf" / "one.pdf"
    code, stdout, err = run(capsys, "--db", str(db_path), "archive", "print", "林晓燕", "--out", str(out))
    assert code == 0 and stdout == "" and str(out) in err and "1 人" in err, err
    text = PdfReader(out).pages[0].extract_text()
    assert "林晓燕" in text and "成长档案" in text
    assert "11010519491231002X" not in err


def test_print_cohort_and_all(capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "cohort.pdf"
    code, _, err = run(capsys, "--db", str(db_path), "archive", "print", "--cohort", "studio:2", "--out", str(out))
    assert code == 0 and "3 人" in err and "已排版 3/3 人" in err
    reader = PdfReader(out)
    assert sum("第 1 页" in p.extract_text() for p in reader.pages) == 3
    # the person whose name has a character no font has is named, with the character, not with an ID number
    assert "王\U00020000" in err and "U+20000" in err
    code, _, err = run(capsys, "--db", str(db_path), "archive", "print", "--all", "--out", str(tmp_path / "all.pdf"))
    assert code == 0 and "3 人" in err  # 张三 (not a trainee) has no archive to print


@pytest.mark.parametrize(("args", "message"), [
    (["火星人"], "火星人"),
    (["张三"], "有 2 人"),
    (["--cohort", "studio:9"], "第 9 期"),
    (["--cohort", "camp:2021"], "2021 年青训营"),
    (["--cohort", "nonsense"], "nonsense"),
])
def test_unknown_person_or_cohort_is_exit_1(capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path,
                                            args: list[str], message: str) -> None:
    out = tmp_path / "x.pdf"
    code, _, err = run(capsys, "--db", str(db_path), "archive", "print", *args, "--out", str(out))
    assert code == 1 and message in err and not out.exists()


def test_usage_errors_are_exit_2(capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path) -> None:
    for argv in (["archive", "print", "--out", str(tmp_path / "x.pdf")],  # nobody named
                 ["archive", "print", "林晓燕", "--all", "--out", str(tmp_path / "x.pdf")],
                 ["archive", "print", "林晓燕"]):  # no --out
        with pytest.raises(SystemExit) as e:
            main(["--db", str(db_path), *argv])
        assert e.value.code == 2
    capsys.readouterr()
