"""Community committees (社区"两委"): the 2018 and 2021 terms of every community of a street.

The members' profile is built to land on the seed's figures, not just near them: at the 2021
election an average age of 37.9 (周岁, completed years at the election date) and 63.6 % with
大学本科 or above; at 2018, 40.9 and 43.3 %. Ages are drawn first, then nudged by whole years
until the street's sums match, and the number of graduates per term is fixed before deciding
who they are; birth dates (and so ID numbers) follow from the ages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from yanqun_desktop.services.demo.model import Community, Person, StreetPlan, age_at, birth_for_age

PROFILE_2018 = (40.9, 0.433)  # (average age, share 大学本科 or above)
PROFILE_2021 = (37.9, 0.636)

TITLES = {
    ("party_committee", "secretary"): "社区党委书记",
    ("party_committee", "deputy_secretary"): "社区党委副书记",
    ("party_committee", "member"): "社区党委委员",
    ("residents_committee", "director"): "社区居委会主任",
    ("residents_committee", "deputy_director"): "社区居委会副主任",
    ("residents_committee", "member"): "社区居委会委员",
}
SECRETARY = ("party_committee", "secretary")
DIRECTOR = ("residents_committee", "director")

Slot = list[tuple[str, str]]  # the (body, role) pairs one person holds in one term


@dataclass(eq=False)
class Spec:
    community: Community
    group: str  # R: in both terms, O: 2018 only, N: 2021 only
    slots18: Slot = field(default_factory=list)
    slots21: Slot = field(default_factory=list)
    age18: int | None = None
    age21: int | None = None
    birth: dt.date | None = None
    bachelor: bool = False
    story: str = ""  # "trainee_elected" | "incumbent" | ""


def _term_slots(rng, size: int, combined: bool) -> list[Slot]:
    """Roles of one term, one list per person: secretary first (also director when one person
    holds both posts, 一肩挑), director, deputies, then members of either body."""
    slots: list[Slot] = [[SECRETARY, DIRECTOR]] if combined else [[SECRETARY], [DIRECTOR]]
    slots.append([("party_committee", "deputy_secretary")])
    if rng.random() < 0.5:
        slots.append([("party_committee", "deputy_secretary")])
    slots.append([("residents_committee", "deputy_director")])
    while len(slots) < size:
        body = "party_committee" if rng.random() < 0.5 else "residents_committee"
        slots.append([(body, "member")])
    return slots[:size]


def _nudge(rng, specs: list[Spec], attr: str, target_sum: int, low: int, high: int) -> None:
    """Move whole years among ``specs`` until their ``attr`` ages sum to ``target_sum``."""
    if not specs:
        return
    total = sum(getattr(s, attr) for s in specs)
    guard = 0
    while total != target_sum and guard < 100_000:
        guard += 1
        s = rng.choice(specs)
        value = getattr(s, attr)
        step = 1 if total < target_sum else -1
        if low <= value + step <= high:
            setattr(s, attr, value + step)
            total += step


def _clipped(rng, mu: float, sigma: float, low: int, high: int) -> int:
    return max(low, min(high, round(rng.gauss(mu, sigma))))


def plan_committees(plan: StreetPlan, trainee_secretaries: int) -> list[Spec]:
    """Decide every community's two terms and the members' ages and degrees (no rows yet)."""
    rng = plan.rng
    specs: list[Spec] = []
    elected = set(rng.sample(range(len(plan.communities)), min(trainee_secretaries, len(plan.communities))))
    for ci, c in enumerate(plan.communities):
        c.election18 = dt.date(2018, 3, 20) + dt.timedelta(days=rng.randint(0, 45))
        c.election21 = dt.date(2021, 3, 20) + dt.timedelta(days=rng.randint(0, 45))
        s18 = _term_slots(rng, rng.randint(7, 9), combined=rng.random() < 0.4)
        s21 = _term_slots(rng, rng.randint(7, 9), combined=rng.random() < 0.7)
        keep = rng.randint(2, 4)
        pairs: list[tuple[int, int, str]] = []  # (2018 slot, 2021 slot, story)
        if ci in elected:  # a 2018 deputy secretary, trained in the studio, elected secretary in 2021
            pairs.append((s18.index([("party_committee", "deputy_secretary")]), 0, "trainee_elected"))
        elif rng.random() < 0.5:
            pairs.append((0, 0, "incumbent"))
        free18 = [i for i in range(1, len(s18)) if i not in {p[0] for p in pairs}]
        free21 = [i for i in range(1, len(s21))]
        for i18, i21 in zip(rng.sample(free18, len(free18)), rng.sample(free21, len(free21)), strict=False):
            if len(pairs) >= keep:
                break
            pairs.append((i18, i21, ""))
        used18 = {p[0] for p in pairs}
        used21 = {p[1] for p in pairs}
        for i18, i21, story in pairs:
            specs.append(Spec(c, "R", s18[i18], s21[i21], story=story))
        specs.extend(Spec(c, "O", slots18=s18[i]) for i in range(len(s18)) if i not in used18)
        specs.extend(Spec(c, "N", slots21=s21[i]) for i in range(len(s21)) if i not in used21)

    retained = [s for s in specs if s.group == "R"]
    old = [s for s in specs if s.group == "O"]
    new = [s for s in specs if s.group == "N"]
    for s in retained:
        if s.story == "trainee_elected":
            s.age18 = _clipped(rng, 33, 3, 27, 38)
        elif s.story == "incumbent":
            s.age18 = _clipped(rng, 44, 4, 36, 52)
        else:
            s.age18 = _clipped(rng, 38, 5, 27, 50)
    for s in old:
        s.age18 = _clipped(rng, 45, 6, 30, 60) if SECRETARY not in s.slots18 else _clipped(rng, 52, 4, 42, 60)
    for s in new:
        s.age21 = _clipped(rng, 35, 5, 25, 50)

    size18, size21 = len(retained) + len(old), len(retained) + len(new)
    _nudge(rng, old, "age18", round(PROFILE_2018[0] * size18) - sum(s.age18 for s in retained), 28, 62)
    for s in retained + old:
        s.birth = birth_for_age(rng, s.age18, s.community.election18)
    for s in retained:
        s.age21 = age_at(s.birth, s.community.election21)
    _nudge(rng, new, "age21", round(PROFILE_2021[0] * size21) - sum(s.age21 for s in retained), 24, 55)
    for s in new:
        s.birth = birth_for_age(rng, s.age21, s.community.election21)

    # Graduates: exact counts per term, the younger members more likely to hold the degree.
    grads18, grads21 = round(PROFILE_2018[1] * size18), round(PROFILE_2021[1] * size21)
    in_both = round(0.5 * len(retained))
    in_both = max(in_both, grads18 - len(old), grads21 - len(new), 0)
    in_both = min(in_both, len(retained), grads18, grads21)
    for group, count in ((retained, in_both), (old, grads18 - in_both), (new, grads21 - in_both)):
        ranked = sorted(group, key=lambda s: (s.age21 if s.age21 is not None else s.age18) + rng.gauss(0, 6))
        for s in ranked[: max(0, count)]:
            s.bachelor = True
    return specs


def create_committees(plan: StreetPlan, specs: list[Spec]) -> None:
    """Create the members as people, with positions, and the term and member rows."""
    rng = plan.rng
    terms: dict[tuple[str, int], str] = {}
    for c in plan.communities:
        for year, election, end in ((2018, c.election18, c.election21), (2021, c.election21, None)):
            row = plan.add("committee_terms", community_id=c.id, label=f"{year}年换届",
                           election_date=election, end_date=end)
            terms[(c.id, year)] = row["id"]
    for s in specs:
        c = s.community
        party = any(body == "party_committee" for body, _ in s.slots18 + s.slots21)
        if s.bachelor:
            education = "硕士研究生" if rng.random() < 0.14 else "大学本科"
        else:
            education = rng.choices(("大学专科", "中等专科", "高中"), (70, 10, 20))[0]
        political = "中共党员" if party or rng.random() < 0.75 else rng.choice(("群众", "共青团员"))
        person = plan.new_person(c, birth=s.birth, education=education, political_status=political)
        _positions(plan, person, s)
        for year, slots in ((2018, s.slots18), (2021, s.slots21)):
            for body, role in slots:
                plan.add("committee_members", term_id=terms[(c.id, year)], person_id=person.id,
                         body=body, role=role)
            if slots:
                person.roles.add(f"committee{year % 100}")
        if SECRETARY in s.slots18:
            c.secretary18 = person
            person.roles.add("sec18")
        if SECRETARY in s.slots21:
            c.secretary21 = person
            person.roles.add("sec21")
        if ("party_committee", "deputy_secretary") in s.slots21:
            person.roles.add("deputy21")
        if ("party_committee", "deputy_secretary") in s.slots18:
            person.roles.add("deputy18")
        if s.story == "trainee_elected":
            person.roles.add("trainee_elected")
        c.term18.extend((person, b, r) for b, r in s.slots18)
        c.term21.extend((person, b, r) for b, r in s.slots21)
        for role in {"committee18", "committee21", "sec21", "deputy21"} & person.roles:
            c.by_role[role].append(person)


def _organisation(c: Community, body: str) -> str:
    return f"{c.name}党委" if body == "party_committee" else f"{c.name}居民委员会"


def _positions(plan: StreetPlan, person: Person, s: Spec) -> None:
    """Position history: earlier work, the 2018 and 2021 terms (one row when a post continues)."""
    rng = plan.rng
    c = s.community
    titles18 = [(TITLES[slot], _organisation(c, slot[0])) for slot in s.slots18]
    titles21 = [(TITLES[slot], _organisation(c, slot[0])) for slot in s.slots21]
    first_term = c.election18 if s.group != "N" else c.election21
    if rng.random() < 0.6 or s.story == "trainee_elected":
        start = dt.date(max(first_term.year - rng.randint(2, 8), person.birth_date.year + 21), rng.randint(1, 12), 1)
        if start < first_term:
            plan.position(person, rng.choice(("社区专职工作者", "网格员", "党建组织员")), f"{c.name}工作站",
                          start, first_term - dt.timedelta(days=1))
    start18 = c.election18
    if s.story == "incumbent":  # secretary since the 2015 election
        start18 = dt.date(2015, rng.randint(3, 5), rng.randint(1, 28))
    for title in titles18:
        if title in titles21:
            plan.position(person, *title, start18, None)
        else:
            plan.position(person, *title, start18, c.election21)
    for title in titles21:
        if title not in titles18:
            plan.position(person, *title, c.election21, None)
    if s.group == "O" and person.age(c.election21) >= 55:
        person.status = "retired"
        person.retired_on = c.election21
        person.retired_reason = "换届后退休"
