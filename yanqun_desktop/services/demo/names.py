"""Invented names and places for demo data: never real people.

Names are drawn from common surnames and given-name characters (a few two-character
surnames, a few transliterated minority names with "·", and a sprinkling of rare characters
such as 䶮 and 㛃 so that fonts and pinyin search get exercised). Every draw goes through the
``random.Random`` it is given, so a seed always yields the same names.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence

# Surnames with rough relative frequencies (per mille of the population, rounded).
SURNAMES: tuple[tuple[str, int], ...] = (
    ("王", 72), ("李", 70), ("张", 68), ("刘", 53), ("陈", 46), ("杨", 31), ("黄", 25), ("赵", 23),
    ("吴", 21), ("周", 21), ("徐", 17), ("孙", 16), ("马", 15), ("朱", 14), ("胡", 13), ("郭", 12),
    ("何", 12), ("林", 12), ("罗", 11), ("高", 11), ("郑", 10), ("梁", 10), ("谢", 8), ("宋", 8),
    ("唐", 8), ("许", 7), ("韩", 7), ("冯", 7), ("邓", 7), ("曹", 7), ("彭", 6), ("曾", 6),
    ("肖", 6), ("田", 6), ("董", 5), ("袁", 5), ("潘", 5), ("于", 5), ("蒋", 5), ("蔡", 5),
    ("余", 5), ("杜", 5), ("叶", 5), ("程", 5), ("苏", 4), ("魏", 4), ("吕", 4), ("丁", 4),
    ("任", 4), ("沈", 4), ("姚", 4), ("卢", 4), ("姜", 4), ("崔", 4), ("钟", 4), ("谭", 4),
    ("陆", 3), ("汪", 3), ("范", 3), ("金", 3), ("石", 3), ("廖", 3), ("贾", 3), ("夏", 3),
    ("韦", 3), ("付", 3), ("方", 3), ("白", 3), ("邹", 3), ("孟", 3), ("熊", 3), ("秦", 3),
    ("邱", 3), ("江", 3), ("尹", 2), ("薛", 2), ("闫", 2), ("段", 2), ("雷", 2), ("侯", 2),
    ("龙", 2), ("史", 2), ("陶", 2), ("黎", 2), ("贺", 2), ("顾", 2), ("龚", 2), ("邵", 2),
    ("万", 2), ("覃", 2), ("武", 2), ("戴", 2), ("莫", 2), ("孔", 2), ("向", 2), ("汤", 2),
    ("单", 1), ("区", 1), ("翟", 1), ("冼", 1), ("麦", 1), ("温", 2), ("赖", 2), ("练", 1),
)  # fmt: skip
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "司徒", "慕容")

# Given-name characters: first and second positions by gender, and single-character names.
MALE_FIRST = "建志国伟俊文晓子明家永海宏嘉浩宇思立振少一泽德世兆启承英"
MALE_SECOND = "伟强磊军勇杰涛斌浩鹏宇峰辉刚健超亮华波林平东晨旭阳博昊睿哲诚锋毅航凯坤铭"
FEMALE_FIRST = "晓丽美秀雅佳思欣婉雨静海梦嘉紫晴慧子诗若心小春秋月玉艺"
FEMALE_SECOND = "丽敏静芳娟燕婷玲霞琳雪慧晶倩洁颖丹娜艳萍红梅莉璐蕾琪怡悦萱雯琴瑶"
MALE_SINGLE = "伟强磊军勇杰涛斌浩鹏峰辉刚健超亮华波林平东旭博锋毅凯"
FEMALE_SINGLE = "丽敏静芳娟燕婷玲霞琳雪慧晶倩洁颖丹娜艳萍红梅莉璐蕾琪"
# Rare characters (CJK Extension A and characters many fonts lack), used sparingly.
RARE_MALE = ("䶮", "堃", "喆", "昇")
RARE_FEMALE = ("㛃", "玥", "珺", "婳")

# Well-known names a random draw could hit; never generated.
BLOCKED_NAMES = frozenset({
    "毛泽东", "周恩来", "刘少奇", "朱德", "邓小平", "江泽民", "胡锦涛", "习近平", "李鹏", "朱镕基",
    "温家宝", "李克强", "李强", "诸葛亮", "司马懿", "司马光", "司马迁", "欧阳修", "东方朔", "刘䶮",
    "上官婉儿",
})  # fmt: skip

# Transliterated minority names ("given·father's name"), and Mongolian/Tibetan given names.
UYGHUR_MALE = ("艾力", "买买提", "艾尔肯", "吐尔洪", "努尔艾力", "迪力夏提", "阿不都")
UYGHUR_FEMALE = ("阿依古丽", "古丽娜尔", "热依拉", "迪丽娜尔", "帕提古丽", "米热古丽", "祖丽皮亚")
UYGHUR_FATHER = ("吐尔逊", "艾买提", "热合曼", "依明", "卡德尔", "阿不力孜", "玉素甫")
KAZAKH_MALE = ("叶尔兰", "努尔兰", "别克", "阿斯哈尔")
KAZAKH_FEMALE = ("阿依达娜", "古丽巴哈尔", "阿克达娜")
KAZAKH_FATHER = ("哈力木", "吐尔森", "加汗", "沙吾提")
MONGOL_MALE = ("巴特尔", "苏和", "额尔敦", "敖登巴雅尔")
MONGOL_FEMALE = ("乌日娜", "斯琴", "格日勒", "其其格")
TIBETAN_MALE = ("扎西多吉", "次仁顿珠", "多吉旺堆", "格桑平措")
TIBETAN_FEMALE = ("次仁卓玛", "央金拉姆", "德吉央宗", "格桑曲珍")

# Ethnicities other than 汉族 with their rough share, and where their ID numbers come from.
MINORITIES: tuple[tuple[str, float, tuple[str, ...]], ...] = (
    ("壮族", 0.015, ("450102", "450202", "451002")),
    ("土家族", 0.010, ("433101", "422801")),
    ("苗族", 0.008, ("433123", "522601")),
    ("回族", 0.006, ("640104", "620102")),
    ("满族", 0.006, ("210102", "130803")),
    ("瑶族", 0.005, ("441826", "451102")),
    ("侗族", 0.004, ("522623", "431230")),
    ("维吾尔族", 0.004, ("650102", "653101")),
    ("蒙古族", 0.004, ("150102", "150202")),
    ("朝鲜族", 0.003, ("222401", "222403")),
    ("畲族", 0.003, ("331127", "350921")),
    ("彝族", 0.003, ("513401", "532301")),
    ("黎族", 0.002, ("460201", "469001")),
    ("白族", 0.002, ("532901",)),
    ("布依族", 0.002, ("522701",)),
    ("藏族", 0.002, ("540102", "513301")),
    ("哈萨克族", 0.001, ("654002",)),
)

# Region codes of first registration for Han people: Nanshan first, then Shenzhen, Guangdong
# and the provinces most Shenzhen residents come from.
REGIONS_NANSHAN = ("440305",)
REGIONS_SHENZHEN = ("440303", "440304", "440306", "440307", "440308", "440309", "440310")
REGIONS_GUANGDONG = (
    "440103", "440106", "440402", "440604", "441302", "445102", "445202", "440511", "441402",
    "440802", "441202", "440703", "441881", "445302",
)  # fmt: skip
REGIONS_OTHER = (
    "430102", "430521", "431002", "360102", "360721", "420106", "421002", "450102", "510104",
    "350102", "350203", "410105", "411302", "340102", "320106", "370102", "610103", "500103",
)  # fmt: skip
ALL_REGIONS = tuple(
    dict.fromkeys(
        REGIONS_NANSHAN + REGIONS_SHENZHEN + REGIONS_GUANGDONG + REGIONS_OTHER
        + tuple(r for _, _, regions in MINORITIES for r in regions)
    )
)
REGION_INDEX = {region: i for i, region in enumerate(ALL_REGIONS)}
MINORITY_REGIONS = {name: regions for name, _, regions in MINORITIES}
MINORITY_SHARE = sum(share for _, share, _ in MINORITIES)


def weighted_choice(rng: random.Random, items: Sequence[tuple[str, float]]) -> str:
    total = sum(w for _, w in items)
    x = rng.random() * total
    for item, w in items:
        x -= w
        if x < 0:
            return item
    return items[-1][0]


def _given_pool(gender: str, first: str, second: str, single: str) -> tuple[list[str], list[float]]:
    """Given names of one gender with Zipf-like cumulative weights: a few names are common, as
    in life, so that a big demo repeats names (and the pinyin of each name is computed once)."""
    names = [a + b for a in first for b in second if a != b]
    random.Random(f"given:{gender}").shuffle(names)  # a fixed order, independent of the seed
    names = names[:260] + list(single)
    random.Random(f"given-order:{gender}").shuffle(names)
    return names, list(itertools.accumulate(1 / (rank + 10) for rank in range(len(names))))


_SURNAME_VALUES = [name for name, _ in SURNAMES]
_SURNAME_WEIGHTS = list(itertools.accumulate(w for _, w in SURNAMES))
GIVEN_POOLS = {
    "男": _given_pool("男", MALE_FIRST, MALE_SECOND, MALE_SINGLE),
    "女": _given_pool("女", FEMALE_FIRST, FEMALE_SECOND, FEMALE_SINGLE),
}


class NameMaker:
    """Draws invented names, ethnicities and ID-card regions from one ``random.Random``."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def surname(self) -> str:
        rng = self.rng
        if rng.random() < 0.006:
            return rng.choice(COMPOUND_SURNAMES)
        return rng.choices(_SURNAME_VALUES, cum_weights=_SURNAME_WEIGHTS)[0]

    def given(self, gender: str) -> str:
        rng = self.rng
        names, weights = GIVEN_POOLS["男" if gender == "男" else "女"]
        name = rng.choices(names, cum_weights=weights)[0]
        if rng.random() < 0.005:  # a rare character in the last position
            name = name[:-1] + rng.choice(RARE_MALE if gender == "男" else RARE_FEMALE)
        return name

    def han_name(self, gender: str) -> str:
        while True:
            name = self.surname() + self.given(gender)
            if name not in BLOCKED_NAMES:
                return name

    def ethnicity(self) -> str:
        x = self.rng.random()
        if x >= MINORITY_SHARE:
            return "汉族"
        for ethnicity, share, _ in MINORITIES:
            x -= share
            if x < 0:
                return ethnicity
        return "汉族"

    def name_for(self, gender: str, ethnicity: str) -> str:
        rng = self.rng
        male = gender == "男"
        if ethnicity == "维吾尔族":
            return f"{rng.choice(UYGHUR_MALE if male else UYGHUR_FEMALE)}·{rng.choice(UYGHUR_FATHER)}"
        if ethnicity == "哈萨克族":
            return f"{rng.choice(KAZAKH_MALE if male else KAZAKH_FEMALE)}·{rng.choice(KAZAKH_FATHER)}"
        if ethnicity == "蒙古族" and rng.random() < 0.5:
            return rng.choice(MONGOL_MALE if male else MONGOL_FEMALE)
        if ethnicity == "藏族":
            return rng.choice(TIBETAN_MALE if male else TIBETAN_FEMALE)
        return self.han_name(gender)

    def region(self, ethnicity: str) -> str:
        rng = self.rng
        regions = MINORITY_REGIONS.get(ethnicity)
        if regions is not None:
            return rng.choice(regions)
        x = rng.random()
        if x < 0.35:
            return REGIONS_NANSHAN[0]
        if x < 0.50:
            return rng.choice(REGIONS_SHENZHEN)
        if x < 0.75:
            return rng.choice(REGIONS_GUANGDONG)
        return rng.choice(REGIONS_OTHER)


# -- places --------------------------------------------------------------------------------
COMMUNITY_FIRST = "榕荔桂枫竹兰翠松柏梅杏棠芙茗澜溪泉岭汀霞晴锦和安康宁嘉瑞祥欣雅馨明新丰"
COMMUNITY_SECOND = "苑林园湾溪山泉岭港湖庭景华源滨坪塘星洲川"
ESTATE_FIRST = "金银翠碧锦华星月阳光海天云景丽雅美嘉怡康泰和富桂兰荔榕蔚"
ESTATE_SECOND = "湾苑城园庭府峰岸湖港轩阁居汇邦域"
ESTATE_SUFFIX = ("花园", "家园", "雅居", "名苑", "华庭", "公寓", "大厦", "山庄", "新村", "广场")
BUILDING_PATTERNS = ("{n}栋", "{n}座", "{c}座", "{n}号楼")


def community_names(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    """``count`` invented community names ending in 社区, none of them in ``taken``."""
    names: list[str] = []
    seen = set(taken)
    attempts = 0
    while len(names) < count:
        attempts += 1
        stem = rng.choice(COMMUNITY_FIRST) + rng.choice(COMMUNITY_SECOND)
        if attempts > 5000:  # pool exhausted (never at sane sizes): number them
            stem = f"{stem}{len(names) + 1}"
        name = f"{stem}社区"
        if name not in seen and stem[:2] not in {"南山", "南头", "沙河", "蛇口", "招商", "粤海", "桃源", "西丽"}:
            seen.add(name)
            names.append(name)
    return names


def estate_names(rng: random.Random, count: int, village_stem: str | None) -> list[str]:
    """Estates (小区) of one community; an urban village (城中村) gets a "新村" first."""
    names: list[str] = []
    seen: set[str] = set()
    if village_stem:
        names.append(f"{village_stem}新村")
        seen.add(names[0])
    attempts = 0
    while len(names) < count:
        attempts += 1
        name = rng.choice(ESTATE_FIRST) + rng.choice(ESTATE_SECOND) + rng.choice(ESTATE_SUFFIX)
        if attempts > 2000:
            name = f"{name}{len(names) + 1}期"
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def building_name(rng: random.Random) -> str:
    pattern = rng.choice(BUILDING_PATTERNS)
    return pattern.format(n=rng.randint(1, 36), c=rng.choice("ABCDEFGH"))
