"""处理冲突: both versions of a record side by side, field by field, and the district's choice.

For a row changed at both ends (or by an office that does not own it) the district keeps this
database's version, takes the incoming one, merges field by field (a tick per field picks the
incoming value), or sends it back. For a 疑似重复人员 it decides whether the two are the same
person (one record survives, the other redirects to it) or two people. Every decision is
audited and travels down to the street as an override."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QMessageBox, QTableWidgetItem, QVBoxLayout, QWidget
from sqlalchemy import select

from yanqun_desktop.db.models import Base, Community, Street
from yanqun_desktop.domain.labels import FIELD_LABELS
from yanqun_desktop.services.permissions import Permission
from yanqun_desktop.services.uow import Changes
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.gating import Offer
from yanqun_desktop.ui.sync_parts import CONFLICT_KINDS, org_names
from yanqun_desktop.ui.widgets.dialog_parts import REFUSALS, error_label, error_text, make_button, read_only_table
from yanqun_desktop.ui.widgets.dialog_parts import show_error as show

# Bookkeeping columns: shown for reference, never merged by hand.
SYNC_COLUMNS = ("id", "owner", "version", "updated_at", "updated_by")
# Derived from the name (search and sort keys): not worth a line of the comparison.
HIDDEN = frozenset({"deleted", "name_pinyin", "name_initials", "name_sort"})
LABELS = FIELD_LABELS


def _reference_names(ctx: AppContext) -> dict[str, str]:
    """Street and community ids shown by name."""
    with ctx.db.session() as s:
        rows = s.execute(select(Street.id, Street.name)).all() + s.execute(select(Community.id, Community.name)).all()
    return dict(rows)


def _candidate_row(ctx: AppContext, conflict: Any) -> dict[str, Any]:
    """For a 疑似重复人员, "here" is the person already in this database (another UUID)."""
    if not conflict.candidate_id:
        return {}
    table = Base.metadata.tables[conflict.table]
    with ctx.db.session() as s:
        row = s.execute(select(table).where(table.c.id == conflict.candidate_id)).mappings().first()
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in (row or {}).items()}
DIFFERENT = QColor("#fff3cd")


def _masked(key: str, value: Any) -> str:
    from yanqun_desktop.domain.validation import mask_id_card, mask_phone

    if value is None:
        return ""
    if key == "id_card":
        return mask_id_card(str(value))
    if key == "phone":
        return mask_phone(str(value))
    return str(value)


class ConflictDialog(QDialog):
    changed = Signal(object)

    def __init__(self, ctx: AppContext, conflict: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.conflict = ctx, conflict
        self.duplicate = conflict.kind == "duplicate-person"
        self.setWindowTitle(self.tr("Conflict — {0}").format(CONFLICT_KINDS.get(conflict.kind, conflict.kind)))
        self.resize(820, 560)
        local = conflict.local_row or (_candidate_row(ctx, conflict) if self.duplicate else {})
        incoming = conflict.incoming_row or {}
        names = _reference_names(ctx)
        sender = org_names(ctx).get(conflict.sender, conflict.sender)
        intro = QLabel(self.tr("Table {0}, sent by {1}. Highlighted fields differ; tick a field to take the "
                               "incoming value when merging.").format(conflict.table, sender))
        if self.duplicate:
            intro.setText(self.tr("{0} sent a new person whose ID number (or name, birth date and community) matches "
                                  "a person already here. Are they the same person?").format(sender))
        intro.setWordWrap(True)
        self.fields = [k for k in dict.fromkeys([*local, *incoming]) if k not in HIDDEN]
        self.grid = read_only_table([self.tr("Field"), self.tr("Here"), self.tr("Incoming"), self.tr("Take incoming")])
        self.grid.setObjectName("grid")
        self.grid.setRowCount(len(self.fields))
        for r, key in enumerate(self.fields):
            here, there = local.get(key), incoming.get(key)
            shown = [names.get(v, v) if key.endswith("_id") else v for v in (here, there)]
            cells = [LABELS.get(key, key), _masked(key, shown[0]), _masked(key, shown[1])]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if here != there and key not in SYNC_COLUMNS:
                    item.setBackground(QBrush(DIFFERENT))
                self.grid.setItem(r, c, item)
            pick = QTableWidgetItem()
            mergeable = here != there and key not in SYNC_COLUMNS and not self.duplicate
            pick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled if mergeable
                          else Qt.ItemFlag.NoItemFlags)
            pick.setCheckState(Qt.CheckState.Unchecked)
            self.grid.setItem(r, 3, pick)
        self.grid.setColumnHidden(3, self.duplicate)  # a person is merged whole, not field by field
        self.grid.resizeColumnsToContents()
        self.error = error_label("error")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        if self.duplicate:
            buttons.addWidget(make_button(self.tr("Same person: merge"), "same", lambda: self.decide("existing")))
            buttons.addWidget(make_button(self.tr("Two different people"), "different", lambda: self.decide("both")))
        else:
            for name, text in (("keep-local", self.tr("Keep ours")), ("keep-incoming", self.tr("Take incoming")),
                               ("merged", self.tr("Merge ticked fields")), ("sent-back", self.tr("Send back"))):
                buttons.addWidget(make_button(text, name, lambda d=name: self.decide(d)))
        decisions = [buttons.itemAt(i).widget() for i in range(1, buttons.count())]
        offer = Offer(ctx.actor(), Permission.EXCHANGE_PACKAGES)
        offer.buttons(*decisions)
        offer.inputs(self.grid)
        buttons.addWidget(make_button(self.tr("Later"), "later", self.reject))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

    def ticked(self) -> dict[str, Any]:
        incoming = self.conflict.incoming_row or {}
        return {key: incoming.get(key) for r, key in enumerate(self.fields)
                if self.grid.item(r, 3).checkState() == Qt.CheckState.Checked}

    def decide(self, decision: str) -> bool:
        from yanqun_desktop.sync.conflicts import merge_duplicate, resolve_conflict

        actor = self.ctx.actor()
        try:
            if self.duplicate:
                merge_duplicate(self.ctx.db, actor, self.conflict.id, keep=decision)
            else:
                merged = self.ticked() if decision == "merged" else None
                if decision == "merged" and not merged:
                    show(self.error, self.tr("Tick at least one field to take from the incoming version."))
                    return False
                resolve_conflict(self.ctx.db, actor, self.conflict.id, decision, merged)
        except REFUSALS as e:
            QMessageBox.warning(self, self.windowTitle(), error_text(e))
            return False
        self.changed.emit(Changes(frozenset(Base.metadata.tables)))
        self.accept()
        return True
