"""Competency models (能力模型): reading, versions and editing.

A model is district data: three levels, 能力模块 (module) → 素质指标 (indicator) → 具体内容
(item); only items carry a score range. A model that has been used must never change under the
assessments made against it: editing a frozen model makes a new version (``version_no`` + 1,
``previous_id``) and leaves the old one as it was.

**When is a model frozen?** The ``frozen`` column lives on a district-owned row, and the unit of
work refuses a street writing a district row, so a street's first assessment cannot set it.
"Frozen" is therefore *derived*, computed in SQL (:func:`frozen_clause`):

    frozen  =  frozen column  OR  is_sample  OR  some assessment row references the model

* any assessment row counts, tombstoned ones included: a deleted assessment can be revived
  (undo, a package carrying an older version), and its scores still point at the nodes;
* the shipped sample counts as used from the start: it is on every install, so any street may
  already have assessed against it before the district hears of it;
* the column is kept in step only where the district may write it: a district assessment sets
  it in the same transaction, and :func:`freeze_model` lets the district freeze (publish) a
  model explicitly, e.g. before sending it down, since a street's use of a model reaches the
  district only with the street's next package.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, exists, func, or_, select
from sqlalchemy.orm import Session

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.ids import new_id
from yanqun_desktop.db.models import (
    Assessment,
    CompetencyModel,
    CompetencyNode,
)
from yanqun_desktop.domain.validation import ValidationError, ValidationErrors
from yanqun_desktop.services.actor import Actor, PermissionDenied
from yanqun_desktop.services.errors import NotFound, ServiceError
from yanqun_desktop.services.forms import Collector
from yanqun_desktop.services.records import Saved, load_live
from yanqun_desktop.services.uow import Changes, unit_of_work

MODEL_KINDS = {"studio": "书记工作室", "camp": "青训营"}
LEVELS = ("module", "indicator", "item")
LEVEL_LABELS = {"module": "能力模块", "indicator": "素质指标", "item": "具体内容"}
_PARENT_LEVEL = {"indicator": "module", "item": "indicator"}
MAX_ITEM_SCORE = 1000.0
CODE_MAX_LEN = 16  # competency_nodes.code is String(16)


# -- views --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class NodeView:
    id: str
    parent_id: str | None
    level: str  # module | indicator | item
    code: str
    name: str
    max_score: float | None  # items only


@dataclass(frozen=True)
class ModelView:
    id: str
    kind: str  # studio | camp
    name: str
    version_no: int
    is_sample: bool
    frozen: bool  # derived: see the module docstring
    nodes: list[NodeView]  # tree order: each module, then its indicators each followed by their items
    previous_id: str | None = None
    note: str | None = None

    @property
    def items(self) -> list[NodeView]:
        return [n for n in self.nodes if n.level == "item"]

    @property
    def label(self) -> str:
        """e.g. 书记工作室能力模型（第2版）, with 示例 for the shipped sample."""
        return model_label(self.name, self.version_no, self.is_sample)


@dataclass(frozen=True)
class ModelVersionView:
    id: str
    kind: str
    name: str
    version_no: int
    is_sample: bool
    frozen: bool
    previous_id: str | None
    assessments: int  # live assessments made against this version (in this database)


def model_label(name: str, version_no: int, is_sample: bool) -> str:
    return f"{name}（第{version_no}版{'，示例' if is_sample else ''}）"


# -- reading models -----------------------------------------------------------------------------
def frozen_clause() -> ColumnElement[bool]:
    """SQL: the model has been used, or is the sample, or was frozen by the district."""
    used = exists().where(Assessment.model_id == CompetencyModel.id)
    return or_(CompetencyModel.frozen, CompetencyModel.is_sample, used)


def is_frozen(session: Session, model_id: str) -> bool:
    return bool(session.scalar(select(frozen_clause()).where(CompetencyModel.id == model_id)))


def tree_order(nodes: list[CompetencyNode]) -> list[CompetencyNode]:
    """Nodes in tree order (depth first, siblings by sort_order): the order a form and the
    scoring sheet show them, whatever order sort_order alone would give."""
    children: dict[str | None, list[CompetencyNode]] = {}
    ids = {n.id for n in nodes}
    for n in sorted(nodes, key=lambda x: (x.sort_order, x.code)):
        parent = n.parent_id if n.parent_id in ids else None
        children.setdefault(parent, []).append(n)
    out: list[CompetencyNode] = []

    def walk(parent: str | None) -> None:
        for child in children.get(parent, []):
            out.append(child)
            walk(child.id)

    walk(None)
    return out


def live_nodes(session: Session, model_id: str) -> list[CompetencyNode]:
    live = select(CompetencyNode).where(CompetencyNode.model_id == model_id, ~CompetencyNode.deleted)
    return tree_order(list(session.scalars(live)))


def _view(session: Session, model: CompetencyModel) -> ModelView:
    nodes = [
        NodeView(n.id, n.parent_id, n.level, n.code, n.name, n.max_score if n.level == "item" else None)
        for n in live_nodes(session, model.id)
    ]
    return ModelView(
        model.id,
        model.kind,
        model.name,
        model.version_no,
        model.is_sample,
        is_frozen(session, model.id),
        nodes,
        model.previous_id,
        model.note,
    )


def check_kind(kind: str) -> None:
    if kind not in MODEL_KINDS:
        raise ServiceError(f"模型类型应为 studio（书记工作室）或 camp（青训营），不能是「{kind}」。")


def current_model(db: Database, kind: str) -> ModelView:
    """The newest live version of the studio or camp model."""
    check_kind(kind)
    with db.session() as s:
        model = s.scalar(
            select(CompetencyModel)
            .where(CompetencyModel.kind == kind, ~CompetencyModel.deleted)
            .order_by(CompetencyModel.version_no.desc())
            .limit(1)
        )
        if model is None:
            raise NotFound(f"还没有{MODEL_KINDS[kind]}能力模型，请等待区委组织部下发。")
        return _view(s, model)


def model_view(db: Database, model_id: str) -> ModelView:
    with db.session() as s:
        return _view(s, load_live(s, CompetencyModel, model_id, "能力模型"))


def model_versions(db: Database, kind: str) -> list[ModelVersionView]:
    """Every live version of a kind, newest first, with how many assessments use it."""
    check_kind(kind)
    used = select(func.count()).where(Assessment.model_id == CompetencyModel.id, ~Assessment.deleted).scalar_subquery()
    with db.session() as s:
        rows = s.execute(
            select(CompetencyModel, frozen_clause(), used)
            .where(CompetencyModel.kind == kind, ~CompetencyModel.deleted)
            .order_by(CompetencyModel.version_no.desc())
        )
        return [
            ModelVersionView(m.id, m.kind, m.name, m.version_no, m.is_sample, bool(frozen), m.previous_id, int(n))
            for m, frozen, n in rows
        ]


# -- editing models -----------------------------------------------------------------------------
@dataclass
class _Node:
    """One row of an edit, cleaned; ``parent`` indexes the list."""

    id: str | None
    level: str
    code: str
    name: str
    max_score: float | None
    weight: float | None
    parent: int | None


def _level(value: Any) -> str | None:
    text = str(value or "").strip()
    if text in LEVELS:
        return text
    return next((code for code, label in LEVEL_LABELS.items() if label == text), None)


def _clean_nodes(nodes: list[dict[str, Any]], existing: dict[str, CompetencyNode]) -> list[_Node]:
    """Validate an edited tree. ``nodes`` is the whole tree in tree order (as ``ModelView.nodes``
    gives it); a node's parent is the nearest node above it one level up, so the order alone
    says where each node hangs. Keys absent from an existing node's dict keep its values."""
    c = Collector({})
    out: list[_Node] = []
    seen_ids: set[str] = set()
    codes: dict[str, int] = {}
    last: dict[str, int | None] = {"module": None, "indicator": None}
    if not nodes:
        c.fail("模型结构", "能力模型不能为空：至少需要一个能力模块")
    for i, raw in enumerate(nodes, 1):
        where = f"第{i}行"
        node_id = str(raw.get("id") or "") or None
        row = None
        if node_id is not None:
            row = existing.get(node_id)
            if row is None:
                c.fail("模型结构", f"{where}的节点不属于该模型（可能已被删除），请刷新后重试")
            elif node_id in seen_ids:
                c.fail("模型结构", f"{where}的节点重复出现")
            seen_ids.add(node_id)

        def value(key: str, node_row: CompetencyNode | None = row, given: dict[str, Any] = raw) -> Any:
            return getattr(node_row, key) if key not in given and node_row is not None else given.get(key)

        level = _level(value("level"))
        if level is None:
            c.fail("层级", f"{where}的层级应为 能力模块、素质指标 或 具体内容")
            continue
        label = LEVEL_LABELS[level]
        name = str(value("name") or "").strip()
        code = str(value("code") or "").strip()
        if not name:
            c.fail("名称", f"{where}的{label}名称不能为空")
        elif len(name) > 200:
            c.fail("名称", f"{where}的{label}名称过长（最多 200 字）")
        if not code:
            c.fail("编码", f"{where}的{label}编码不能为空")
        elif len(code) > CODE_MAX_LEN:
            c.fail("编码", f"{where}的编码「{code}」过长（最多 {CODE_MAX_LEN} 个字符）")
        elif code in codes:
            c.fail("编码", f"编码「{code}」重复（第{codes[code]}行和第{i}行）")
        else:
            codes[code] = i
        max_score: float | None = None
        if level == "item":
            max_score = _positive(c, value("max_score"), f"{where}「{name or code}」的满分")
        weight = value("weight")
        try:
            weight = float(weight) if weight not in (None, "") else None
        except (TypeError, ValueError):
            c.fail("权重", f"{where}的权重应为数字")
            weight = None
        parent: int | None = None
        if level == "module":
            last["module"], last["indicator"] = len(out), None
        else:
            parent = last[_PARENT_LEVEL[level]]
            if parent is None:
                above = LEVEL_LABELS[_PARENT_LEVEL[level]]
                c.fail("模型结构", f"{where}的{label}「{name or code}」上方没有{above}：{label}须位于某个{above}之下")
            if level == "indicator":
                last["indicator"] = len(out)
        out.append(_Node(node_id, level, code, name, max_score, weight, parent))
    for index, node in enumerate(out):
        if node.level != "item" and not any(n.parent == index for n in out):
            below = LEVEL_LABELS[LEVELS[LEVELS.index(node.level) + 1]]
            c.fail("模型结构", f"{LEVEL_LABELS[node.level]}「{node.name or node.code}」下至少要有一个{below}")
    c.done()
    return out


def _positive(c: Collector, value: Any, label: str) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        c.fail("满分", f"{label}应为大于 0 的数字")
        return None
    if not 0 < number <= MAX_ITEM_SCORE:
        c.fail("满分", f"{label}应大于 0 且不超过 {MAX_ITEM_SCORE:g}")
    return number


def _same_tree(current: list[CompetencyNode], edited: list[_Node]) -> bool:
    if len(current) != len(edited):
        return False
    index = {n.id: i for i, n in enumerate(current)}
    for row, new in zip(current, edited, strict=True):
        parent = index.get(row.parent_id) if row.parent_id else None
        if (
            row.id,
            row.level,
            row.code,
            row.name,
            row.max_score if row.level == "item" else None,
            row.weight,
            parent,
        ) != (new.id, new.level, new.code, new.name, new.max_score, new.weight, new.parent):
            return False
    return True


def _district_only(actor: Actor, message: str) -> None:
    if not actor.is_district:
        raise PermissionDenied(message)


def save_model_edit(
    db: Database, actor: Actor, model_id: str, nodes: list[dict[str, Any]], *, name: str | None = None
) -> Saved:
    """Save an edited model tree (district only). ``nodes``: the whole tree in tree order, each
    ``{"id": existing node id or None for a new node, "level", "code", "name", "max_score"
    (items), "weight" (optional)}``; nodes left out are removed. An unfrozen model is edited in
    place (removed nodes are tombstoned); a frozen one gets a new version holding the edited tree
    and is itself left untouched. ``Saved.id`` is the id of the version that holds the edit
    (the same model when nothing changed)."""
    _district_only(actor, "能力模型由区委组织部制定和维护，街道只能查看。")
    with unit_of_work(db, actor, "competency_models.edit", "修改能力模型") as work:
        s = work.session
        model = load_live(s, CompetencyModel, model_id, "能力模型")
        newest = s.scalar(
            select(func.max(CompetencyModel.version_no)).where(
                CompetencyModel.kind == model.kind, ~CompetencyModel.deleted
            )
        )
        if newest is not None and newest > model.version_no:
            raise ServiceError(f"「{model.name}」已有更新的第{newest}版，请在最新版本上修改。")
        current = live_nodes(s, model.id)
        edited = _clean_nodes(nodes, {n.id: n for n in current})
        new_name = (name or "").strip() or model.name
        if len(new_name) > 100:
            raise ValidationErrors([ValidationError("模型名称", "模型名称过长（最多 100 字）")])
        if new_name == model.name and _same_tree(current, edited):
            return Saved(model.id, Changes())
        if is_frozen(s, model.id):
            target = _new_version(s, model, new_name)
            rows: dict[str, CompetencyNode] = {}
            work.summary = f"能力模型已使用，另存为新版本：{model_label(new_name, target.version_no, False)}"
        else:
            target = model
            target.name = new_name
            rows = {n.id: n for n in current}
            work.summary = f"修改能力模型：{model_label(new_name, model.version_no, model.is_sample)}"
        _write_tree(s, target.id, edited, rows)
        saved_id = target.id
    return Saved(saved_id, work.result())


def _new_version(session: Session, old: CompetencyModel, name: str) -> CompetencyModel:
    # The unique key is (kind, version_no) over every row, tombstones included.
    top = session.scalar(select(func.max(CompetencyModel.version_no)).where(CompetencyModel.kind == old.kind)) or 0
    model = CompetencyModel(
        id=new_id(),
        kind=old.kind,
        name=name,
        version_no=top + 1,
        is_sample=False,
        frozen=False,
        previous_id=old.id,
        # The sample's note says "示例模型，仅供参考"; a district edit of it is no longer a sample.
        note=None if old.is_sample else old.note,
    )
    session.add(model)
    return model


def _write_tree(session: Session, model_id: str, edited: list[_Node], rows: dict[str, CompetencyNode]) -> None:
    """Make the model's live nodes equal ``edited``. ``rows`` are the nodes that may be updated
    in place (empty when writing a new version: every node is then a fresh row)."""
    ids = [n.id if n.id in rows else new_id() for n in edited]
    for order, (node, node_id) in enumerate(zip(edited, ids, strict=True), 1):
        values = {
            "parent_id": ids[node.parent] if node.parent is not None else None,
            "level": node.level,
            "code": node.code,
            "name": node.name,
            "sort_order": order,
            "max_score": node.max_score,
            "weight": node.weight,
        }
        row = rows.get(node_id)
        if row is None:
            session.add(CompetencyNode(id=node_id, model_id=model_id, **values))
            continue
        for key, value in values.items():
            if getattr(row, key) != value:  # only real changes reach the audit and the version
                setattr(row, key, value)
    kept = set(ids)
    for node_id, row in rows.items():
        if node_id not in kept:
            row.deleted = True


def freeze_model(db: Database, actor: Actor, model_id: str) -> Saved:
    """The district freezes (publishes) a model version: later edits make a new version."""
    _district_only(actor, "能力模型由区委组织部制定和维护，街道只能查看。")
    with unit_of_work(db, actor, "competency_models.freeze", "冻结能力模型") as work:
        model = load_live(work.session, CompetencyModel, model_id, "能力模型")
        if not model.frozen:
            model.frozen = True
        work.summary = f"冻结能力模型：{model_label(model.name, model.version_no, model.is_sample)}"
    return Saved(model_id, work.result())
