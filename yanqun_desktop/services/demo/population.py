"""A street's communities and people: committee members, the four kinds of community talent,
community workers and the studio's street-level staff, with their position history."""

from __future__ import annotations

import datetime as dt

from yanqun_desktop.db.models import DISTRICT_CODE
from yanqun_desktop.services.demo.committees import create_committees, plan_committees
from yanqun_desktop.services.demo.model import Community, Person, Row, StreetPlan, random_date
from yanqun_desktop.services.demo.names import building_name, community_names, estate_names
from yanqun_desktop.services.demo.texts import SOCIAL_ORG_KINDS

STAFF = 3  # the studio's leading trio: 牵头人 + 党建专家 + 指导员
PEOPLE_PER_COMMUNITY = 45  # below this a small demo gets fewer communities


def build_population(
    plan: StreetPlan, scale: int, shipped: list[tuple[str, str]], taken: set[str]
) -> list[Row]:
    """Fill ``plan`` with ``scale`` people. ``shipped`` are the street's existing communities
    (id, name); new ones are invented (names not in ``taken``) and returned as rows, owned by
    the district, which keeps communities."""
    rng = plan.rng
    count = min(rng.randint(8, 12), max(2, (scale - STAFF) // PEOPLE_PER_COMMUNITY))
    chosen = shipped[:count]
    new_names = community_names(rng, count - len(chosen), taken)
    rows: list[Row] = []
    for community_id, name in chosen:
        plan.communities.append(Community(community_id, name, name.removesuffix("社区"), plan))
    for name in new_names:
        row = {"id": plan.ids(), "owner": DISTRICT_CODE, "street_id": plan.street_id, "name": name,
               "verified": True}
        rows.append(row)
        plan.communities.append(Community(row["id"], name, name.removesuffix("社区"), plan))

    sizes = _split(rng, scale - STAFF, len(plan.communities))
    for c, size in zip(plan.communities, sizes, strict=True):
        if rng.random() < 0.45:
            c.company = f"深圳市{c.stem}股份合作公司"
        c.estates = estate_names(rng, max(4, min(80, 3 + size // 40)), c.stem if c.company else None)
        c.grids = max(3, min(60, size // 50))
    if not any(c.company for c in plan.communities):
        c = plan.communities[0]
        c.company = f"深圳市{c.stem}股份合作公司"

    _staff(plan)
    trainee_secretaries = 2 if rng.random() < 0.4 else 1  # ~11 across the district, as in 2021
    create_committees(plan, plan_committees(plan, trainee_secretaries))
    for c, size in zip(plan.communities, sizes, strict=True):
        _workers(plan, c, size - len(c.people))
    return rows


def _split(rng, total: int, parts: int) -> list[int]:
    weights = [rng.uniform(0.7, 1.3) for _ in range(parts)]
    scale = total / sum(weights)
    sizes = [int(w * scale) for w in weights]
    for i in range(total - sum(sizes)):
        sizes[i % parts] += 1
    return sizes


def _staff(plan: StreetPlan) -> None:
    rng = plan.rng
    org = f"{plan.name}党工委"
    for key, title, age in (("lead", "街道党工委副书记", 48), ("expert", "街道党建工作专家顾问", 55),
                            ("instructor", "街道组织办指导员", 38)):
        person = plan.new_person(None, age=age + rng.randint(-3, 3), political_status="中共党员",
                                 education=rng.choice(("大学本科", "硕士研究生")))
        plan.position(person, title, org, dt.date(rng.randint(2014, 2019), rng.randint(1, 12), 1))
        person.roles.add(key)
        plan.staff[key] = person


def _quota(community: Community, free: int) -> list[tuple[str, int]]:
    wants = [
        ("shareholding_chair", 1 if community.company else 0),
        ("owners_chair", max(1, min(round(len(community.estates) * 0.6), free // 12))),
        ("social_org_head", max(1, round(free * 0.035))),
        ("estate_branch_secretary", min(len(community.estates), max(1, round(free * 0.04)))),
        ("party_organiser", 1 + (free > 60)),
        ("fulltime", max(3, round(free * 0.18))),
        ("grid_worker", max(2, round(free * 0.14))),
    ]
    out: list[tuple[str, int]] = []
    left = free
    for role, n in wants:
        n = min(n, left)
        out.append((role, n))
        left -= n
    out.append(("building_leader", left))
    return out


# role: (age mean, sd, low, high, party share, title, talent kind)
_ROLES: dict[str, tuple[int, int, int, int, float, str, str | None]] = {
    "shareholding_chair": (52, 6, 38, 64, 0.95, "股份公司董事长", "shareholding_chair"),
    "owners_chair": (50, 8, 32, 68, 0.55, "业委会主任", "owners_committee_chair"),
    "social_org_head": (40, 8, 26, 60, 0.5, "社会组织负责人", "social_org_head"),
    "estate_branch_secretary": (50, 8, 32, 66, 1.0, "小区党支部书记", None),
    "party_organiser": (34, 5, 25, 48, 1.0, "党建组织员", None),
    "fulltime": (32, 6, 22, 50, 0.5, "社区专职工作者", None),
    "grid_worker": (36, 7, 23, 52, 0.35, "网格员", None),
    "building_leader": (52, 9, 30, 72, 0.45, "楼栋长", "building_leader"),
}


def _workers(plan: StreetPlan, c: Community, free: int) -> None:
    rng = plan.rng
    for role, n in _quota(c, free):
        mean, sd, low, high, party, title, talent = _ROLES[role]
        for _ in range(n):
            age = max(low, min(high, round(rng.gauss(mean, sd))))
            person = plan.new_person(c, age=age, political_status="中共党员" if rng.random() < party else None)
            person.roles.add(role)
            c.by_role[role].append(person)
            organisation, since = _post(plan, c, person, role)
            plan.position(person, title, organisation, since)
            if talent is not None:
                plan.add("person_talents", person_id=person.id, kind=talent, since=since, note=None)
            if role == "fulltime" and rng.random() < 0.3 and since.year > person.birth_date.year + 24:
                earlier = dt.date(max(since.year - rng.randint(2, 5), person.birth_date.year + 21), 3, 1)
                plan.position(person, "网格员", f"{c.name}{person.grid}", earlier, since - dt.timedelta(days=1))


def _post(plan: StreetPlan, c: Community, person: Person, role: str) -> tuple[str, dt.date]:
    """The organisation of a worker's current post and when it began."""
    rng = plan.rng
    earliest = dt.date(max(2008, person.birth_date.year + 20), 1, 1)
    since = random_date(rng, min(earliest, dt.date(2022, 6, 30)), dt.date(2022, 6, 30))
    if role == "shareholding_chair":
        return c.company or f"{c.stem}股份合作公司", since
    if role == "owners_chair":
        return f"{person.estate}业主委员会", since
    if role == "social_org_head":
        return f"{c.stem}{rng.choice(SOCIAL_ORG_KINDS)}", since
    if role == "estate_branch_secretary":
        return f"{person.estate}党支部", since
    if role == "party_organiser":
        return f"{c.name}党委", since
    if role == "grid_worker":
        return f"{c.name}{person.grid}", since
    if role == "building_leader":
        person.building = building_name(rng)
        return f"{person.estate}{person.building}", since
    return f"{c.name}工作站", since
