"""Pinyin search keys for person names.

Clerks look people up by typing pinyin ("zhangsan") or initials ("zs") into a search
box, so every stored person gets two precomputed keys.  pypinyin reads characters
with their most common reading, which is wrong for a set of surnames (单 is "Shan",
not "dan"; 曾 is "Zeng", not "ceng"), and a clerk searching for 单田芳 types
"shantianfang".  pypinyin (checked 0.55) has no surname mode, so the first
character(s) of a name are looked up in :data:`SURNAME_READINGS` first.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["SURNAME_READINGS", "name_columns", "name_matches", "name_search_keys", "name_sort_key", "normalize_query"]

#: Surnames whose reading differs from pypinyin's default reading of the character.
#: Compound surnames are listed so that they are not split into two single ones.
SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    # compound surnames
    "尉迟": ("yu", "chi"),
    "万俟": ("mo", "qi"),
    "澹台": ("tan", "tai"),
    "长孙": ("zhang", "sun"),
    # single-character surnames with a special reading
    "单": ("shan",),
    "曾": ("zeng",),
    "解": ("xie",),
    "区": ("ou",),
    "仇": ("qiu",),
    "朴": ("piao",),
    "查": ("zha",),
    "盖": ("ge",),
    "乐": ("yue",),
    "覃": ("qin",),
    "缪": ("miao",),
    "秘": ("bi",),
    "繁": ("po",),
    "员": ("yun",),
    "召": ("shao",),
    "种": ("chong",),
    "翟": ("zhai",),
    "祭": ("zhai",),
    "折": ("she",),
    "黑": ("he",),
    "句": ("gou",),
    "阚": ("kan",),
    "佴": ("nai",),
    "乜": ("nie",),
    "隗": ("wei",),
    "薄": ("bo",),
    "蕃": ("pi",),
    "能": ("nai",),
}
_MAX_SURNAME_LEN = max(len(s) for s in SURNAME_READINGS)

# Han characters: CJK Extension A, the basic block, compatibility ideographs and the
# supplementary planes (Extension B onwards).
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af"
# A name is split into runs of Han characters and runs of Latin letters/digits;
# anything else (the "·" of minority names, spaces, punctuation) only separates runs.
_RUN_RE = re.compile(f"(?P<han>[{_HAN}]+)|(?P<latin>[a-z0-9]+)")
_QUERY_DROP_RE = re.compile(f"[^{_HAN}a-z0-9]+")
_HAN_RE = re.compile(f"[{_HAN}]")
_DOT_RE = re.compile("[·•・･‧∙⋅]")  # the middle dot of transliterated names and its look-alikes


def _fold(text: str) -> str:
    """NFKC (full-width letters -> ASCII), lower case, ü -> v as typed on keyboards."""
    return unicodedata.normalize("NFKC", text).lower().replace("ü", "v")


@lru_cache(maxsize=65536)
def _syllables(han_run: str) -> tuple[str, ...]:
    # errors="ignore": rare characters without a known reading (e.g. 𠇔) are skipped
    # rather than copied, since nobody can type them into a pinyin search box anyway.
    # Imported here: pypinyin loads its dictionaries on import (~0.4 s), which start-up and
    # search never need; only writing a name does. Cached: given names repeat (建国, 秀英 …)
    # and a 10,000-row roster import would otherwise spend most of its write here.
    from pypinyin import Style, lazy_pinyin

    return tuple(s for s in lazy_pinyin(han_run, style=Style.NORMAL, errors="ignore") if s)


def _name_syllables(name: str) -> list[str]:
    """Syllables (and Latin words) of ``name`` in order, surname reading applied."""
    folded = _fold(name)
    words: list[str] = []
    # A transliterated name with "·" (阿依古丽·买买提) has no Chinese surname first.
    use_surname_table = not _DOT_RE.search(folded)
    for m in _RUN_RE.finditer(folded):
        if m["latin"]:
            words.append(m["latin"])
            continue
        run = m["han"]
        if use_surname_table:
            use_surname_table = False  # only the very first characters can be a surname
            for n in range(min(_MAX_SURNAME_LEN, len(run) - 1), 0, -1):
                reading = SURNAME_READINGS.get(run[:n])
                if reading is not None:
                    words.extend(reading)
                    run = run[n:]
                    break
        words.extend(_syllables(run))
    return words


@lru_cache(maxsize=8192)
def name_search_keys(name: str) -> tuple[str, str]:
    """Return ``(full_pinyin, initials)`` for a person's name.

    ``"张三" -> ("zhangsan", "zs")``; ``"单田芳" -> ("shantianfang", "stf")``.
    Toneless, lower case, without separators; "ü" is written "v" (吕 -> "lv"), as on
    a keyboard.  Latin words are kept lower-cased ("John Smith" -> ("johnsmith",
    "js")); characters without a reading are skipped.  Initials are the first letter
    of each syllable, i.e. what ``Style.FIRST_LETTER`` gives, but derived from the
    same syllables so that both keys always agree (incl. the surname reading).
    A single-character name is not looked up as a surname (nothing would follow it).
    """
    words = _name_syllables(name or "")
    return "".join(words), "".join(w[0] for w in words)


def name_sort_key(name: str) -> str:
    """The pinyin syllables separated by spaces, for sorting names: the space keeps a surname
    together (陈 "chen feng", "chen guo yang" before 程 "cheng qian"; run together,
    "chenguoyang" would sort after "chengqian"). Names without a reading sort last."""
    words = _name_syllables(name or "")
    return " ".join(words) if words else "\uffff" + (name or "")


def name_columns(name: str) -> dict[str, str]:
    """The stored search and sort keys of a name (people and tutors carry all three). The
    syllables are looked up once for all three: bulk imports call this per row."""
    words = _name_syllables(name or "")
    return {
        "name_pinyin": "".join(words),
        "name_initials": "".join(w[0] for w in words),
        "name_sort": " ".join(words) if words else "\uffff" + (name or ""),
    }


def normalize_query(q: str) -> str:
    """Normalise what a clerk typed into a search box for matching against names/keys.

    Lower case, full-width -> half-width, "ü" -> "v", and without spaces, apostrophes,
    "·" and other separators ("Zhang San" -> "zhangsan", "xi'an" -> "xian").  Chinese
    characters are kept so that a query can also match the name itself.
    """
    return _QUERY_DROP_RE.sub("", _fold(q or ""))


def name_matches(name: str, query: str) -> bool:
    """True if a search ``query`` matches ``name``.

    A query with Chinese characters is matched as a substring of the name (ignoring
    "·" and spaces); otherwise as a substring of the full pinyin ("san" finds 张三)
    or of the initials ("zs").  An empty query matches everything.
    """
    q = normalize_query(query)
    if not q:
        return True
    if _HAN_RE.search(q):
        return q in normalize_query(name)
    full, initials = name_search_keys(name)
    return q in full or q in initials
