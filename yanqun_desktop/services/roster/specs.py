"""The columns of each roster kind: one table shared by the templates, the import and the export,
so a template, an import and an export can never disagree about a header."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from yanqun_desktop.domain import vocab
from yanqun_desktop.sheets.headers import HeaderField

CellKind = Literal["text", "date", "id", "phone", "vocab", "coded", "multi", "community", "cohort"]


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    synonyms: tuple[str, ...] = ()
    kind: CellKind = "text"
    choices: Any = None  # a Vocabulary or CodedVocabulary for drop-downs and validation
    required: bool = False
    width: int = 12
    hint: str = ""  # the rule shown in the template's notes sheet
    max_len: int = 200

    @property
    def field(self) -> HeaderField:
        return HeaderField(self.key, self.header, self.synonyms)

    def options(self) -> tuple[str, ...]:
        """The drop-down values: canonical values or Chinese labels."""
        if self.choices is None:
            return ()
        return tuple(self.choices.labels) if hasattr(self.choices, "labels") else tuple(self.choices.values)


@dataclass(frozen=True)
class RosterKind:
    key: str  # people | tutors | reserve | enrolment
    label: str  # 人员名单 ...
    columns: tuple[Column, ...]
    # Headers only this kind has: they decide the kind when the caller does not say.
    distinctive: tuple[str, ...] = ()

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    @property
    def fields(self) -> list[HeaderField]:
        return [c.field for c in self.columns]

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


NAME = Column("name", "姓名", ("名字", "学员姓名", "人员姓名", "姓名（必填）"), required=True, width=10,
              hint="必填，2-30 个字；少数民族姓名中间的点用“·”")
GENDER = Column("gender", "性别", ("男女",), "vocab", vocab.GENDER, width=6, hint="男 / 女；填了身份证号可不填")
BIRTH = Column("birth_date", "出生日期", ("出生年月", "出生年月日", "生日", "出生时间"), "date", width=12,
               hint="日期格式，如 1985-03-12；也可写 1985.03.12、1985年3月12日、19850312")
ID_CARD = Column("id_card", "身份证号",
                 ("身份证号码", "公民身份号码", "公民身份证号码", "证件号码", "身份证", "证件号"), "id", width=21,
                 hint="18 位，末位可为 X；请保持“文本”格式（数字格式会丢失末几位）")
PHONE = Column("phone", "手机号", ("手机", "手机号码", "联系电话", "电话", "联系方式", "电话号码"), "phone", width=14,
               hint="11 位手机号")
COMMUNITY = Column("community", "所属社区", ("社区", "社区名称", "所在社区"), "community", width=14,
                   hint="从下拉列表选择本街道的社区；新社区会登记为“待核实”")
NOTE = Column("note", "备注", ("说明",), width=24, max_len=2000)

PEOPLE = RosterKind(
    "people",
    "人员名单",
    (
        NAME,
        GENDER,
        BIRTH,
        Column("ethnicity", "民族", (), "vocab", vocab.ETHNICITY, width=8, hint="56 个民族之一，如 汉族（可写“汉”）"),
        Column("political_status", "政治面貌", (), "vocab", vocab.POLITICAL_STATUS, width=12,
               hint="如 中共党员、共青团员、群众（可写“党员”“团员”）"),
        Column("education", "学历", ("文化程度", "最高学历"), "vocab", vocab.EDUCATION, width=10,
               hint="如 大学本科、大学专科、硕士研究生（可写“本科”“大专”）"),
        ID_CARD,
        PHONE,
        COMMUNITY,
        Column("positions", "现任职务", ("职务", "现职务", "现任职位"), "multi", width=20, max_len=100,
               hint="多个职务用顿号分隔，如 社区党委书记、居委会主任"),
        Column("talents", "人才类别", ("人才类型", "社区人才类别"), "multi", vocab.TALENT_KIND, width=16,
               hint="股份公司董事长 / 业委会主任 / 社会组织负责人 / 楼栋长；多个用顿号分隔"),
        NOTE,
    ),
)

TUTORS = RosterKind(
    "tutors",
    "师资名单",
    (
        NAME,
        GENDER,
        Column("school", "导师类型", ("师资类型", "类型", "派别"), "coded", vocab.TUTOR_SCHOOL, required=True,
               width=10, hint="理论派 / 地方派 / 实践派"),
        Column("organisation", "工作单位", ("单位", "所在单位"), width=24),
        Column("title", "职务/职称", ("职务", "职称"), width=16, max_len=100),
        Column("subjects", "擅长领域", ("研究领域", "专长", "授课方向"), width=24, max_len=2000),
        Column("nomination", "推荐方式", (), "coded", vocab.NOMINATION, required=True, width=10, hint="自荐 / 推荐"),
        Column("recommended_by", "推荐人/单位", ("推荐人", "推荐单位"), width=16, max_len=100),
        Column("vetting", "考察状态", (), "coded", vocab.VETTING, width=10, hint="待考察 / 考察中 / 已入库 / 未通过"),
        PHONE,
        NOTE,
    ),
    distinctive=("school", "nomination", "vetting", "subjects"),
)

# Labels of services.programmes.RESERVE_STATUS, as a vocabulary for the drop-down and the check.
RESERVE_STATUS = vocab.Vocabulary(field="状态", values=("储备中", "已使用", "已退出"), aliases={"储备": "储备中"})

# Reserve candidates and enrolments name people who are already on the roster; the person is
# found as in the people import (ID number, else name + birth date + community).
PERSON_KEYS = (NAME, ID_CARD, BIRTH, COMMUNITY)

RESERVE = RosterKind(
    "reserve",
    "储备人选名单",
    (
        *PERSON_KEYS,
        Column("target_role", "储备方向", ("储备岗位", "拟任职务", "后备方向"), "coded", vocab.RESERVE_TARGET,
               required=True, width=16, hint="社区党委书记 / 股份公司董事长 / 社会组织负责人 / 业委会主任"),
        Column("added_on", "入库日期", ("入库时间",), "date", width=12),
        Column("status", "状态", ("储备状态",), "vocab", RESERVE_STATUS, width=10, hint="储备中 / 已使用 / 已退出"),
        NOTE,
    ),
    distinctive=("target_role", "added_on"),
)

ENROLMENT = RosterKind(
    "enrolment",
    "期次学员名单",
    (
        *PERSON_KEYS,
        Column("cohort", "期次", ("班次", "工作室期次", "期数"), "cohort", width=24,
               hint="如 第一期、1 或期次全称；也可在导入时统一指定"),
        Column("role", "角色", ("身份",), "coded", vocab.ENROLMENT_ROLE, width=8,
               hint="学员 / 助教 / 导师 / 专家 / 牵头人"),
        Column("talent_kind", "人才类别", ("人才类型",), "coded", vocab.TALENT_KIND, width=16),
        Column("enrolled_on", "入学日期", ("入班日期", "报到日期"), "date", width=12),
        Column("left_on", "离开日期", ("结业日期", "退出日期"), "date", width=12),
        Column("camp_tier", "学员层级", (), "coded", vocab.CAMP_TIER, width=14, hint="仅青训营"),
        Column("camp_stage", "培养阶段", (), "coded", vocab.CAMP_STAGE, width=12, hint="仅青训营"),
        NOTE,
    ),
    distinctive=("cohort", "role", "enrolled_on", "camp_tier", "camp_stage"),
)

KINDS: dict[str, RosterKind] = {k.key: k for k in (PEOPLE, TUTORS, RESERVE, ENROLMENT)}
KIND_ALIASES = {"people": "people", "人员": "people", "tutors": "tutors", "tutor": "tutors", "师资": "tutors",
                "reserve": "reserve", "储备": "reserve", "enrolment": "enrolment", "enrolments": "enrolment",
                "学员": "enrolment"}


def roster_kind(name: str) -> RosterKind:
    key = KIND_ALIASES.get(name.strip().lower())
    if key is None:
        raise ValueError(f"未知的名单类型「{name}」，可用：people、tutors、reserve、enrolment")
    return KINDS[key]
