"""Fixed vocabularies of the data model and their normalisation.

Clerks write short or variant forms ("党员", "本科", "维族", "M"); the database must
hold one canonical form per value so that filters and the statistics count
correctly.  Two kinds of vocabulary exist:

* :class:`Vocabulary` - stored as the canonical Chinese value itself (民族, 政治面貌,
  学历, 性别), because those are national standard terms that reports print as is.
* :class:`CodedVocabulary` - stored as a stable English code with a Chinese label,
  for the application's own enumerations (roles, stages, kinds ...), whose Chinese
  wording may be changed by the district without a data migration.

Normalisation ignores whitespace (also full-width), full-width/half-width and
letter case.  Unknown values raise :class:`ValidationError` with a Chinese message
that names the field and the bad value and gives examples of allowed values.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from yanqun_desktop.domain.validation import ValidationError

__all__ = [
    "ACTIVITY_KIND_FIELD",
    "ARCHIVE_KIND",
    "ATTENDANCE",
    "BACHELOR_OR_ABOVE",
    "CAMP_STAGE",
    "CAMP_TIER",
    "COMMITTEE_BODY",
    "COMMITTEE_ROLE",
    "EDUCATION",
    "EDUCATION_RANK",
    "ENROLMENT_ROLE",
    "ETHNICITY",
    "ETHNIC_GROUPS",
    "GENDER",
    "HONOUR_LEVEL",
    "NOMINATION",
    "POLITICAL_STATUS",
    "POLITICAL_STATUS_VALUES",
    "RESERVE_TARGET",
    "SESSION_KIND",
    "TALENT_KIND",
    "TOPIC_ORIGIN",
    "TOPIC_ROLE",
    "TOPIC_STEP",
    "TUTOR_SCHOOL",
    "VETTING",
    "CodedVocabulary",
    "Vocabulary",
    "education_rank",
    "is_bachelor_or_above",
]

_WHITESPACE_RE = re.compile(r"\s+")
_MAX_ECHO = 20  # longer bad values are cut in messages so the sentence stays readable
_EXAMPLES_SHOWN = 6


def _key(text: str) -> str:
    """Lookup key: NFKC (full-width -> half-width), no whitespace, case-folded."""
    return _WHITESPACE_RE.sub("", unicodedata.normalize("NFKC", text)).casefold()


def _as_text(value: object) -> str:
    """Spreadsheet cells may arrive as numbers; None means empty."""
    return "" if value is None else str(value)


def _echo(text: str) -> str:
    shown = _WHITESPACE_RE.sub(" ", text).strip()
    return shown if len(shown) <= _MAX_ECHO else shown[:_MAX_ECHO] + "…"


def _examples(values: tuple[str, ...]) -> str:
    shown = "、".join(values[:_EXAMPLES_SHOWN])
    return shown + ("等" if len(values) > _EXAMPLES_SHOWN else "")


def _build_index(field: str, pairs: list[tuple[str, str]]) -> dict[str, str]:
    """Map lookup keys to targets; two different targets for one key is a bug."""
    index: dict[str, str] = {}
    for text, target in pairs:
        k = _key(text)
        if not k:
            raise ValueError(f"{field}: empty vocabulary entry")
        if index.setdefault(k, target) != target:
            raise ValueError(f"{field}: {text!r} maps to both {index[k]!r} and {target!r}")
    return index


# ---------------------------------------------------------------------------
# Vocabularies stored as canonical Chinese values
# ---------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """A closed list of canonical Chinese values with accepted short forms.

    ``field`` is the Chinese field label used in messages (e.g. "民族"); ``values``
    are the canonical values in display order; ``aliases`` maps a short/variant
    form to its canonical value.  ``unknown_template`` is the message for an
    unrecognised value; it may use ``{field}``, ``{value}`` and ``{examples}``.
    """

    field: str
    values: tuple[str, ...]
    aliases: Mapping[str, str] = dataclasses.field(default_factory=dict)
    unknown_template: str = "{field}「{value}」无法识别，可填：{examples}"
    _index: Mapping[str, str] = dataclasses.field(init=False, repr=False)

    def __post_init__(self) -> None:
        if len(set(self.values)) != len(self.values):
            raise ValueError(f"{self.field}: duplicate canonical values")
        for alias, target in self.aliases.items():
            if target not in self.values:
                raise ValueError(f"{self.field}: alias {alias!r} points to unknown value {target!r}")
        pairs = [(v, v) for v in self.values] + list(self.aliases.items())
        # Frozen dataclass: the derived fields are set once here and never change.
        object.__setattr__(self, "aliases", MappingProxyType(dict(self.aliases)))
        object.__setattr__(self, "_index", MappingProxyType(_build_index(self.field, pairs)))

    def normalize(self, text: str) -> str:
        """Return the canonical value for ``text`` (canonical value or alias).

        Raises :class:`ValidationError` if ``text`` is empty or unknown.
        """
        text = _as_text(text)
        if not text.strip():
            raise ValidationError(self.field, f"{self.field}不能为空")
        found = self._index.get(_key(text))
        if found is None:
            raise ValidationError(
                self.field,
                self.unknown_template.format(field=self.field, value=_echo(text), examples=_examples(self.values)),
            )
        return found

    def normalize_optional(self, text: str | None) -> str | None:
        """Like :meth:`normalize`, but None or blank text gives None (optional fields)."""
        if text is None or (isinstance(text, str) and not text.strip()):
            return None
        return self.normalize(text)

    def is_valid(self, text: str | None) -> bool:
        """True if ``text`` normalises (canonical value or alias)."""
        return isinstance(text, str) and _key(text) in self._index

    def index(self, value: str) -> int:
        """0-based display position of a value (aliases accepted)."""
        return self.values.index(self.normalize(value))

    def __contains__(self, value: object) -> bool:
        """Membership of canonical values only (what the database should hold)."""
        return value in self.values

    def __iter__(self) -> Iterator[str]:
        return iter(self.values)

    def __len__(self) -> int:
        return len(self.values)


GENDER = Vocabulary(
    field="性别",
    values=("男", "女"),
    aliases={"男性": "男", "女性": "女", "M": "男", "F": "女", "male": "男", "female": "女"},
    unknown_template="{field}「{value}」无法识别，请填写“男”或“女”",
)

# GB/T 3304 order; eight per line, seven lines, so the count of 56 is easy to check.
ETHNIC_GROUPS: tuple[str, ...] = (
    "汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族",
    "布依族", "朝鲜族", "满族", "侗族", "瑶族", "白族", "土家族", "哈尼族",
    "哈萨克族", "傣族", "黎族", "傈僳族", "佤族", "畲族", "高山族", "拉祜族",
    "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族", "达斡尔族", "仫佬族",
    "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族", "普米族",
    "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族", "保安族", "裕固族",
    "京族", "塔塔尔族", "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族", "基诺族",
)  # fmt: skip

ETHNICITY = Vocabulary(
    field="民族",
    values=ETHNIC_GROUPS,
    # Clerks often drop the final 族 ("汉", "维吾尔"); every name ends with exactly one
    # 族 and no stripped form collides with another group (土 -> 土族 is correct).
    aliases={g.removesuffix("族"): g for g in ETHNIC_GROUPS} | {"维族": "维吾尔族", "蒙族": "蒙古族"},
    unknown_template="{field}「{value}」不在56个民族之列，请填写如“汉族”“壮族”“维吾尔族”",
)

# GB/T 4762 political status terms, in the standard's order.
POLITICAL_STATUS_VALUES: tuple[str, ...] = (
    "中共党员", "中共预备党员", "共青团员", "民革党员", "民盟盟员", "民建会员", "民进会员",
    "农工党党员", "致公党党员", "九三学社社员", "台盟盟员", "无党派人士", "群众",
)  # fmt: skip

POLITICAL_STATUS = Vocabulary(
    field="政治面貌",
    values=POLITICAL_STATUS_VALUES,
    aliases={
        "党员": "中共党员",
        "共产党员": "中共党员",
        "中国共产党党员": "中共党员",
        "中国共产党员": "中共党员",
        "预备党员": "中共预备党员",
        "中共预备": "中共预备党员",
        "中国共产党预备党员": "中共预备党员",
        "团员": "共青团员",
        "共青团": "共青团员",
        "中国共产主义青年团团员": "共青团员",
        "民革": "民革党员",
        "民盟": "民盟盟员",
        "民建": "民建会员",
        "民进": "民进会员",
        "农工党": "农工党党员",
        "致公党": "致公党党员",
        "九三学社": "九三学社社员",
        "台盟": "台盟盟员",
        "无党派": "无党派人士",
    },
)

EDUCATION = Vocabulary(
    field="学历",
    values=("博士研究生", "硕士研究生", "大学本科", "大学专科", "中等专科", "高中", "初中", "小学及以下"),
    aliases={
        "博士": "博士研究生",
        "硕士": "硕士研究生",
        # In cadre files a bare 研究生 means a master's degree; doctors are always written 博士.
        "研究生": "硕士研究生",
        "本科": "大学本科",
        "大学": "大学本科",
        "学士": "大学本科",
        "大专": "大学专科",
        "专科": "大学专科",
        "高职": "大学专科",
        "中专": "中等专科",
        "中技": "中等专科",
        "技校": "中等专科",
        "职高": "高中",
        "小学": "小学及以下",
        "小学以下": "小学及以下",
    },
)

#: Education rank: larger means higher (博士研究生 = 8 ... 小学及以下 = 1), so
#: ``rank >= EDUCATION_RANK["大学本科"]`` reads naturally.
EDUCATION_RANK: Mapping[str, int] = MappingProxyType(
    {v: len(EDUCATION.values) - i for i, v in enumerate(EDUCATION.values)}
)

#: Canonical education values counted as "本科及以上" by the statistics.
BACHELOR_OR_ABOVE: frozenset[str] = frozenset(v for v, r in EDUCATION_RANK.items() if r >= EDUCATION_RANK["大学本科"])


def education_rank(education: str | None) -> int | None:
    """Rank of an education value or alias (see :data:`EDUCATION_RANK`); None if blank/unknown."""
    if education is None or not EDUCATION.is_valid(education):
        return None
    return EDUCATION_RANK[EDUCATION.normalize(education)]


def is_bachelor_or_above(education: str | None) -> bool:
    """True for 大学本科 and above (aliases accepted).

    Blank or unrecognised values count as False rather than raising, because the
    statistics must still run over records imported before validation was strict.
    """
    if education is None or not EDUCATION.is_valid(education):
        return False
    return EDUCATION.normalize(education) in BACHELOR_OR_ABOVE


# ---------------------------------------------------------------------------
# Vocabularies stored as English codes
# ---------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class CodedVocabulary:
    """An enumeration stored as a stable English code and shown as a Chinese label.

    ``entries`` are ``(code, label)`` pairs in display order (for ordered
    vocabularies such as :data:`TOPIC_STEP` this is the order of the steps);
    ``aliases`` maps extra accepted texts to a code.
    """

    field: str
    entries: tuple[tuple[str, str], ...]
    aliases: Mapping[str, str] = dataclasses.field(default_factory=dict)
    _labels: Mapping[str, str] = dataclasses.field(init=False, repr=False)
    _index: Mapping[str, str] = dataclasses.field(init=False, repr=False)

    def __post_init__(self) -> None:
        labels = dict(self.entries)
        if len(labels) != len(self.entries):
            raise ValueError(f"{self.field}: duplicate codes")
        for alias, code in self.aliases.items():
            if code not in labels:
                raise ValueError(f"{self.field}: alias {alias!r} points to unknown code {code!r}")
        pairs = [(c, c) for c in labels] + [(lb, c) for c, lb in self.entries] + list(self.aliases.items())
        object.__setattr__(self, "aliases", MappingProxyType(dict(self.aliases)))
        object.__setattr__(self, "_labels", MappingProxyType(labels))
        object.__setattr__(self, "_index", MappingProxyType(_build_index(self.field, pairs)))

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(c for c, _ in self.entries)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(lb for _, lb in self.entries)

    def items(self) -> tuple[tuple[str, str], ...]:
        """``(code, label)`` pairs in display order, e.g. to fill a combo box."""
        return self.entries

    def label(self, code: str) -> str:
        """Chinese label of a stored code; raises :class:`ValidationError` for an unknown code."""
        try:
            return self._labels[code]
        except (KeyError, TypeError):
            raise ValidationError(self.field, f"{self.field}代码「{_echo(str(code))}」无效") from None

    def code_from_text(self, text: str) -> str:
        """Code for a code, a label or an alias (case/width/space-insensitive).

        Raises :class:`ValidationError` if ``text`` is empty or unknown.
        """
        text = _as_text(text)
        if not text.strip():
            raise ValidationError(self.field, f"{self.field}不能为空")
        code = self._index.get(_key(text))
        if code is None:
            raise ValidationError(self.field, f"{self.field}「{_echo(text)}」无法识别，可填：{'、'.join(self.labels)}")
        return code

    def code_from_text_optional(self, text: str | None) -> str | None:
        """Like :meth:`code_from_text`, but None or blank text gives None."""
        if text is None or (isinstance(text, str) and not text.strip()):
            return None
        return self.code_from_text(text)

    def is_valid(self, text: str | None) -> bool:
        """True if ``text`` is a code, label or alias."""
        return isinstance(text, str) and _key(text) in self._index

    def position(self, code: str) -> int:
        """1-based position of a code in display order (the step number for TOPIC_STEP)."""
        try:
            return self.codes.index(code) + 1
        except ValueError:
            raise ValidationError(self.field, f"{self.field}代码「{_echo(str(code))}」无效") from None

    def __contains__(self, code: object) -> bool:
        """Membership of codes only (what the database should hold)."""
        return code in self._labels

    def __iter__(self) -> Iterator[str]:
        return iter(self.codes)

    def __len__(self) -> int:
        return len(self.entries)


ENROLMENT_ROLE = CodedVocabulary(
    field="角色",
    entries=(("trainee", "学员"), ("ta", "助教"), ("mentor", "导师"), ("expert", "专家"), ("lead", "牵头人")),
    aliases={"牵头": "lead", "负责人": "lead"},
)

CAMP_TIER = CodedVocabulary(
    field="学员层级",
    entries=(
        ("district_key", "区级重点学员"),
        ("street_core", "街道骨干学员"),
        ("reserve", "后备培养学员"),
    ),
    aliases={"区级重点": "district_key", "街道骨干": "street_core", "后备培养": "reserve", "后备": "reserve"},
)

CAMP_STAGE = CodedVocabulary(
    field="培养阶段",
    entries=(("seed", "种子遴选"), ("seedling", "育苗特训"), ("in_use", "成材使用")),
    aliases={"遴选": "seed", "育苗": "seedling", "特训": "seedling", "成材": "in_use", "使用": "in_use"},
)

TALENT_KIND = CodedVocabulary(
    field="人才类别",
    entries=(
        ("shareholding_chair", "股份公司董事长"),
        ("owners_committee_chair", "业委会主任"),
        ("social_org_head", "社会组织负责人"),
        ("building_leader", "楼栋长"),
    ),
    aliases={
        "董事长": "shareholding_chair",
        "股份公司": "shareholding_chair",
        "业委会": "owners_committee_chair",
        "业主委员会主任": "owners_committee_chair",
        "社会组织": "social_org_head",
        "楼长": "building_leader",
    },
)

RESERVE_TARGET = CodedVocabulary(
    field="储备方向",
    entries=(
        ("party_secretary", "社区党委书记"),
        ("shareholding_chair", "股份公司董事长"),
        ("social_org_head", "社会组织负责人"),
        ("owners_committee_chair", "业委会主任"),
    ),
    aliases={
        "党委书记": "party_secretary",
        "社区书记": "party_secretary",
        "书记": "party_secretary",
        "董事长": "shareholding_chair",
        "社会组织": "social_org_head",
        "业委会": "owners_committee_chair",
    },
)

TUTOR_SCHOOL = CodedVocabulary(
    field="导师类型",
    entries=(("theory", "理论派"), ("local", "地方派"), ("practice", "实践派")),
    aliases={"理论": "theory", "地方": "local", "实践": "practice"},
)

NOMINATION = CodedVocabulary(
    field="推荐方式",
    entries=(("self", "自荐"), ("recommended", "推荐")),
    aliases={"自我推荐": "self", "个人自荐": "self", "组织推荐": "recommended", "他人推荐": "recommended"},
)

VETTING = CodedVocabulary(
    field="考察状态",
    entries=(("pending", "待考察"), ("vetting", "考察中"), ("accepted", "已入库"), ("rejected", "未通过")),
    aliases={"入库": "accepted", "不通过": "rejected"},
)

#: Field label shared by the activity/session kind column.
ACTIVITY_KIND_FIELD = "活动类型"

SESSION_KIND = CodedVocabulary(
    field=ACTIVITY_KIND_FIELD,
    entries=(
        ("course", "通识课程"),
        ("practice_course", "实践课程"),
        ("site_visit", "现场观摩"),
        ("case_sharing", "案例分享"),
        ("expert_consultation", "专家问诊"),
        ("group_discussion", "小组研讨"),
        ("contest", "竞赛交流"),
    ),
    aliases={
        "通识课": "course",
        "实践课": "practice_course",
        "观摩": "site_visit",
        "问诊": "expert_consultation",
        "研讨": "group_discussion",
        "比赛": "contest",
        "竞赛": "contest",
        "PK赛": "contest",
        "PK交流赛": "contest",
        "比赛/PK交流赛": "contest",
    },
)

ATTENDANCE = CodedVocabulary(
    field="出勤情况",
    entries=(("present", "出席"), ("late", "迟到"), ("leave", "请假"), ("absent", "缺席")),
    aliases={"出勤": "present", "到": "present", "已到": "present", "缺勤": "absent", "未到": "absent"},
)

TOPIC_ORIGIN = CodedVocabulary(
    field="课题来源",
    entries=(("district", "区级推送"), ("local", "街道自选")),
    aliases={"区级": "district", "区推送": "district", "街道": "local", "自选": "local"},
)

TOPIC_ROLE = CodedVocabulary(
    field="课题组角色",
    entries=(
        ("leader", "组长"),
        ("fulltime_worker", "专职工作者"),
        ("party_organiser", "党建组织员"),
        ("grid_worker", "网格员"),
        ("estate_branch_secretary", "小区党支部书记"),
    ),
    aliases={
        "课题组长": "leader",
        "社区专职工作者": "fulltime_worker",
        "专职": "fulltime_worker",
        "组织员": "party_organiser",
        "小区支部书记": "estate_branch_secretary",
        "支部书记": "estate_branch_secretary",
    },
)

TOPIC_STEP = CodedVocabulary(
    field="课题步骤",
    # Ordered: position(code) gives the step number 1..6.
    entries=(
        ("literature", "文献查阅"),
        ("survey", "课题调研"),
        ("discussion", "小组研讨"),
        ("expert_sharing", "专家分享"),
        ("summary", "总结经验"),
        ("report", "形成报告"),
    ),
    aliases={"调研": "survey", "研讨": "discussion", "总结": "summary", "报告": "report"},
)

HONOUR_LEVEL = CodedVocabulary(
    field="荣誉级别",
    entries=(
        ("street", "街道级"),
        ("district", "区级"),
        ("city", "市级"),
        ("province", "省级"),
        ("national", "国家级"),
    ),
    aliases={
        "街道": "street",
        "区": "district",
        "市": "city",
        "省": "province",
        "国家": "national",
        "全国": "national",
    },
)

COMMITTEE_BODY = CodedVocabulary(
    field="班子",
    entries=(("party_committee", "社区党委"), ("residents_committee", "社区居委会")),
    aliases={"党委": "party_committee", "居委会": "residents_committee", "居委": "residents_committee"},
)

COMMITTEE_ROLE = CodedVocabulary(
    field="职务",
    entries=(
        ("secretary", "书记"),
        ("deputy_secretary", "副书记"),
        ("director", "主任"),
        ("deputy_director", "副主任"),
        ("member", "委员"),
    ),
)

ARCHIVE_KIND = CodedVocabulary(
    field="档案类型",
    entries=(
        ("selection", "种子遴选"),
        ("practice_task", "一课一练"),
        ("honour", "荣誉"),
        ("mentor", "师徒结对"),
        ("appointment", "任职"),
        ("election", "当选"),
        ("assessment", "能力测评"),
        ("note", "备注"),
    ),
    aliases={"遴选": "selection", "师徒": "mentor", "测评": "assessment"},
)
