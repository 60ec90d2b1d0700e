"""Reference rows the district ships: the 8 streets, known communities, sample competency models.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28

Ids are deterministic (uuid5) so every install holds the same rows and packages never
duplicate them. Version 1 makes any later edit by the district win.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

from yanqun_desktop.db.ids import stable_id

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

DISTRICT = "nanshan-district"
SYNC = {"owner": DISTRICT, "version": 1, "updated_by": "system", "deleted": False}

STREETS = [  # code, name, studio name (CLI.md fixes the codes)
    ("nantou", "南头街道", None),
    ("nanshan", "南山街道", None),
    ("shahe", "沙河街道", None),
    ("shekou", "蛇口街道", None),
    ("zhaoshang", "招商街道", "雁谷"),
    ("yuehai", "粤海街道", None),
    ("taoyuan", "桃源街道", None),
    ("xili", "西丽街道", None),
]

# Communities the seed report names with their street (verified), and those it names without
# one, placed from public directories and left 待核实 for the district to confirm.
COMMUNITIES = [
    ("nanshan", "风华社区", True),
    ("nanshan", "荔林社区", True),
    ("nanshan", "南园社区", True),
    ("nanshan", "学府社区", True),
    ("nanshan", "月亮湾社区", True),
    ("shahe", "白石东社区", True),
    ("zhaoshang", "花果山社区", False),
    ("zhaoshang", "沿山社区", False),
    ("yuehai", "海月社区", False),
    ("nanshan", "前海社区", False),
]

# Sample studio model: 3 modules → 7 indicators → 24 items (the seed gives counts, not names).
STUDIO_SAMPLE = [
    (
        "政治引领能力",
        [
            ("政治素养", ["理论学习", "政治判断", "党性修养", "廉洁自律"]),
            ("组织建设", ["支部建设", "党员教育管理", "阵地建设"]),
        ],
    ),
    (
        "治理服务能力",
        [
            ("统筹协调", ["资源整合", "多元共治", "矛盾调处", "应急处置"]),
            ("群众工作", ["走访联系", "诉求回应", "民生服务"]),
            ("改革创新", ["问题研判", "微改革实施", "经验推广"]),
        ],
    ),
    (
        "队伍发展能力",
        [
            ("团队建设", ["梯队培养", "传帮带", "激励关怀"]),
            ("自我提升", ["学习转化", "总结提炼", "表达沟通", "案例写作"]),
        ],
    ),
]

CAMP_SAMPLE = [
    ("善谋", [("谋划能力", ["形势研判", "方案设计"])]),
    ("实干", [("执行能力", ["执行落实", "攻坚克难"])]),
    ("总结提炼", [("提炼能力", ["经验总结", "案例提炼"])]),
]


def _tables() -> dict[str, sa.Table]:
    meta = sa.MetaData()
    cols = [
        sa.Column("id", sa.String),
        sa.Column("owner", sa.String),
        sa.Column("version", sa.BigInteger),
        sa.Column("updated_at", sa.DateTime(timezone=True)),
        sa.Column("updated_by", sa.String),
        sa.Column("deleted", sa.Boolean),
    ]

    def table(name: str, *extra: sa.Column) -> sa.Table:
        return sa.Table(name, meta, *[sa.Column(c.name, c.type) for c in cols], *extra)

    return {
        "streets": table(
            "streets",
            sa.Column("code", sa.String),
            sa.Column("name", sa.String),
            sa.Column("district_code", sa.String),
            sa.Column("sort_order", sa.Integer),
            sa.Column("studio_name", sa.String),
        ),
        "communities": table(
            "communities",
            sa.Column("street_id", sa.String),
            sa.Column("name", sa.String),
            sa.Column("verified", sa.Boolean),
        ),
        "models": table(
            "competency_models",
            sa.Column("kind", sa.String),
            sa.Column("name", sa.String),
            sa.Column("version_no", sa.Integer),
            sa.Column("is_sample", sa.Boolean),
            sa.Column("frozen", sa.Boolean),
            sa.Column("note", sa.Text),
        ),
        "nodes": table(
            "competency_nodes",
            sa.Column("model_id", sa.String),
            sa.Column("parent_id", sa.String),
            sa.Column("level", sa.String),
            sa.Column("code", sa.String),
            sa.Column("name", sa.String),
            sa.Column("sort_order", sa.Integer),
            sa.Column("max_score", sa.Float),
            sa.Column("weight", sa.Float),
        ),
    }


def _model_rows(kind: str, name: str, tree: list, now: dt.datetime) -> tuple[dict, list[dict]]:
    model_id = stable_id("competency_model", f"{kind}:sample:1")
    model = {
        "id": model_id,
        "kind": kind,
        "name": name,
        "version_no": 1,
        "is_sample": True,
        "frozen": False,
        "note": "示例模型，仅供参考：正式模型由区委组织部制定后下发。",
        "updated_at": now,
        **SYNC,
    }
    nodes: list[dict] = []
    order = 0

    def node(parent: str | None, level: str, code: str, label: str, max_score: float | None) -> str:
        nonlocal order
        order += 1
        node_id = stable_id("competency_node", f"{model_id}:{code}")
        nodes.append(
            {
                "id": node_id,
                "model_id": model_id,
                "parent_id": parent,
                "level": level,
                "code": code,
                "name": label,
                "sort_order": order,
                "max_score": max_score,
                "weight": None,
                "updated_at": now,
                **SYNC,
            }
        )
        return node_id

    for m, (module, indicators) in enumerate(tree, 1):
        module_id = node(None, "module", f"{m}", module, None)
        for i, (indicator, items) in enumerate(indicators, 1):
            indicator_id = node(module_id, "indicator", f"{m}.{i}", indicator, None)
            for k, item in enumerate(items, 1):
                node(indicator_id, "item", f"{m}.{i}.{k}", item, 5.0)
    return model, nodes


def upgrade() -> None:
    now = dt.datetime(2026, 11, 28, tzinfo=dt.UTC)
    t = _tables()
    op.bulk_insert(
        t["streets"],
        [
            {
                "id": stable_id("street", code),
                "code": code,
                "name": name,
                "district_code": DISTRICT,
                "sort_order": i,
                "studio_name": studio,
                "updated_at": now,
                **SYNC,
            }
            for i, (code, name, studio) in enumerate(STREETS)
        ],
    )
    op.bulk_insert(
        t["communities"],
        [
            {
                "id": stable_id("community", f"{code}:{name}"),
                "street_id": stable_id("street", code),
                "name": name,
                "verified": verified,
                "updated_at": now,
                **SYNC,
            }
            for code, name, verified in COMMUNITIES
        ],
    )
    for kind, name, tree in (
        ("studio", "书记工作室能力素质模型（示例）", STUDIO_SAMPLE),
        ("camp", "青训营三大核心能力模型（示例）", CAMP_SAMPLE),
    ):
        model, nodes = _model_rows(kind, name, tree, now)
        op.bulk_insert(t["models"], [model])
        op.bulk_insert(t["nodes"], nodes)


def downgrade() -> None:
    for table in ("competency_nodes", "competency_models", "communities", "streets"):
        op.execute(sa.text(f"DELETE FROM {table} WHERE version = 1 AND updated_by = 'system'"))
