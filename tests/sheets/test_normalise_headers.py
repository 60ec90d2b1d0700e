"""Cell normalisation and header matching, the two steps before any validation."""

from __future__ import annotations

import datetime as dt

import pytest

from yanqun_desktop.domain.validation import ValidationError
from yanqun_desktop.services.roster.specs import PEOPLE
from yanqun_desktop.sheets.headers import find_header, header_key
from yanqun_desktop.sheets.normalise import clean_date, clean_id_number, clean_phone, clean_text


@pytest.mark.parametrize("raw", ["1985-3-12", "1985.03.12", "1985/3/12", "1985年3月12日", "19850312",
                                 "１９８５－３－１２", 19850312.0, dt.date(1985, 3, 12), dt.datetime(1985, 3, 12),
                                 31118.0, "31118"])
def test_dates(raw: object) -> None:
    assert clean_date(raw, "出生日期") == dt.date(1985, 3, 12)


def test_text_and_numbers() -> None:
    assert clean_text("  张　三 ") == "张 三" and clean_text(4403051985.0) == "4403051985"
    assert clean_text(None) == "" and clean_text(dt.date(2024, 1, 2)) == "2024-01-02"
    assert clean_phone(13900001234.0) == "13900001234" and clean_phone("１３９ ００００ １２３４") == "13900001234"


def test_id_numbers() -> None:
    assert clean_id_number(" ４４０３０５１９８５０３１２００１x ") == "44030519850312001X"
    for lossy in (4.40305198503121e17, 440305198503121000, "4.40305198503121E+17"):
        with pytest.raises(ValidationError) as e:
            clean_id_number(lossy)
        assert "末几位已丢失" in e.value.message and "44030519850312" not in e.value.message


def test_header_row_found_below_a_title_with_synonyms_and_extras() -> None:
    rows = [["2024年名单"], [], ["序号", "* 名字", "公民身份号码（必填）", "联系电话", "文化程度", "籍贯", "社区"]]
    m = find_header(rows, PEOPLE.fields)
    assert m.row_index == 2 and m.columns == {"name": 1, "id_card": 2, "phone": 3, "education": 4, "community": 6}
    assert m.extra == ["序号", "籍贯"] and header_key("出生日期（年-月-日）") == "出生日期"
