"""能力素质模型: the competency models, version by version, and the district's editor.

A model is a tree 能力模块 → 素质指标 → 具体内容 (only items carry 满分). The district edits the
newest version; a version already used (or the shipped sample) is never changed: saving makes a
new version and says so. A street sees the models read-only, and so does a role that may not
edit records (the district's too), which is not offered the editing buttons."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from yanqun_desktop.services.competency_models import (
    MAX_ITEM_SCORE,
    ModelVersionView,
    ModelView,
    model_versions,
    model_view,
    save_model_edit,
)
from yanqun_desktop.services.permissions import Permission
from yanqun_desktop.services.records import Saved
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.gating import Offer
from yanqun_desktop.ui.widgets.dialog_parts import REFUSALS, error_text, make_button

ID_ROLE = Qt.ItemDataRole.UserRole
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 1
NAME, CODE, MAX = 0, 1, 2
LEVELS = ("module", "indicator", "item")


def level_of(item: QTreeWidgetItem) -> str:
    return str(item.data(NAME, LEVEL_ROLE))


class ScoreDelegate(QStyledItemDelegate):
    """满分 is edited with a spin box, and only on items."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget | None:
        if index.column() != MAX:
            return super().createEditor(parent, option, index)
        if index.siblingAtColumn(NAME).data(LEVEL_ROLE) != "item":
            return None
        spin = QDoubleSpinBox(parent)
        spin.setDecimals(1)
        spin.setRange(0.5, MAX_ITEM_SCORE)
        return spin

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QDoubleSpinBox):
            try:
                editor.setValue(float(index.data() or 0))
            except ValueError:
                editor.setValue(5.0)
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QDoubleSpinBox):
            model.setData(index, f"{editor.value():g}")
            return
        super().setModelData(editor, model, index)


class ModelDialog(QDialog):
    changed = Signal(object)  # Changes after a save

    def __init__(self, ctx: AppContext, kind: str = "studio", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.offer = Offer(ctx.actor(), Permission.EDIT_RECORDS)
        self.may_edit = ctx.org.is_district and self.offer.allowed
        self.versions: list[ModelVersionView] = []
        self.model: ModelView | None = None
        self.setWindowTitle(self.tr("Competency models"))
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        self.kind.addItem(self.tr("Studio"), "studio")
        self.kind.addItem(self.tr("Youth camp"), "camp")
        self.version_list = QListWidget()
        self.version_list.setObjectName("versions")
        self.version_list.setMaximumWidth(240)
        self.tree = QTreeWidget()
        self.tree.setObjectName("tree")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("Name"), self.tr("Code"), self.tr("Max score")])
        self.tree.setItemDelegate(ScoreDelegate(self.tree))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.SelectedClicked)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.tree.setColumnWidth(CODE, 80)
        self.tree.setColumnWidth(MAX, 80)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.info = QLabel()
        self.info.setObjectName("info")
        self.info.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)

        self.add_module_button = make_button(self.tr("Add module"), "add_module", self.add_module)
        self.add_indicator_button = make_button(self.tr("Add indicator"), "add_indicator", self.add_indicator)
        self.add_item_button = make_button(self.tr("Add item"), "add_item", self.add_item)
        self.delete_button = make_button(self.tr("Delete"), "delete", self.delete_node)
        self.save_button = make_button(self.tr("Save"), "save", self.save)
        close = make_button(self.tr("Close"), "close", self.accept)
        if not ctx.org.is_district:
            self.save_button.setToolTip(self.tr("Competency models are set by the district; a street can only "
                                                "view them."))
        self.offer.buttons(self.add_module_button, self.add_indicator_button, self.add_item_button,
                           self.delete_button, self.save_button)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("Kind")))
        left_layout.addWidget(self.kind)
        left_layout.addWidget(QLabel(self.tr("Versions")))
        left_layout.addWidget(self.version_list, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.info)
        right_layout.addWidget(self.tree, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([220, 640])
        buttons = QHBoxLayout()
        for b in (self.add_module_button, self.add_indicator_button, self.add_item_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(QSize(900, 620))
        self.kind.currentIndexChanged.connect(lambda _i: self.load_versions())
        self.version_list.currentRowChanged.connect(lambda _r: self.load_model())
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.load_versions()

    # -- loading --------------------------------------------------------------------------
    def version_label(self, v: ModelVersionView) -> str:
        parts = [self.tr("Version {0}").format(v.version_no)]
        if v.is_sample:
            parts.append(self.tr("sample"))
        if v.frozen:
            parts.append(self.tr("used/frozen"))
        return self.tr(", ").join(parts)

    def load_versions(self, select: str | None = None) -> None:
        self.versions = model_versions(self.ctx.db, str(self.kind.currentData()))
        self.version_list.blockSignals(True)
        self.version_list.clear()
        for v in self.versions:
            item = QListWidgetItem(self.version_label(v))
            item.setData(ID_ROLE, v.id)
            item.setToolTip(v.name)
            self.version_list.addItem(item)
        self.version_list.blockSignals(False)
        row = next((i for i, v in enumerate(self.versions) if v.id == select), 0)
        self.version_list.setCurrentRow(row if self.versions else -1)
        self.load_model()

    def editable(self) -> bool:
        """Only the newest version is edited (the service refuses older ones)."""
        return self.may_edit and self.model is not None and bool(self.versions) \
            and self.versions[0].id == self.model.id

    def load_model(self) -> None:
        row = self.version_list.currentRow()
        self.tree.clear()
        self.model = model_view(self.ctx.db, self.versions[row].id) if 0 <= row < len(self.versions) else None
        if self.model is None:
            self.info.setText(self.tr("No model of this kind."))
            self._update_buttons()
            return
        editable = self.editable()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        items: dict[str, QTreeWidgetItem] = {}
        for node in self.model.nodes:
            parent = items.get(node.parent_id or "")
            item = self._new_item(parent, node.level, node.name, node.code, node.max_score, node.id)
            if node.level == "module":
                item.setFont(NAME, bold)
            items[node.id] = item
        self.tree.expandAll()
        m = self.model
        text = self.tr("{0} — version {1}").format(m.name, m.version_no)
        if not self.ctx.org.is_district:
            text += self.tr(" (read-only: models are set by the district)")
        elif not self.may_edit:
            text += self.tr(" (read-only for your role)")
        elif not editable:
            text += self.tr(" (read-only: only the newest version is edited)")
        elif m.frozen:
            text += self.tr(" (already used: saving an edit makes a new version)")
        self.info.setText(text)
        self.status.setText("")
        self._update_buttons()

    def _new_item(self, parent: QTreeWidgetItem | None, level: str, name: str, code: str,
                  max_score: float | None, node_id: str | None) -> QTreeWidgetItem:
        item = QTreeWidgetItem([name, code, "" if max_score is None else f"{max_score:g}"])
        item.setData(NAME, ID_ROLE, node_id)
        item.setData(NAME, LEVEL_ROLE, level)
        flags = item.flags()
        if self.editable():
            flags |= Qt.ItemFlag.ItemIsEditable
        else:
            flags &= ~Qt.ItemFlag.ItemIsEditable
        item.setFlags(flags)
        if level == "item":
            item.setForeground(MAX, QColor("#1a5276"))
        if parent is None:
            self.tree.addTopLevelItem(item)
        else:
            parent.addChild(item)
        return item

    # -- editing --------------------------------------------------------------------------
    def selected(self) -> QTreeWidgetItem | None:
        chosen = self.tree.selectedItems()
        return chosen[0] if chosen else None

    def _ancestor(self, level: str) -> QTreeWidgetItem | None:
        item = self.selected()
        while item is not None and level_of(item) != level:
            item = item.parent()
        return item

    def _update_buttons(self) -> None:
        editable = self.editable()
        self.add_module_button.setEnabled(editable)
        self.add_indicator_button.setEnabled(editable and self._ancestor("module") is not None)
        self.add_item_button.setEnabled(editable and self._ancestor("indicator") is not None)
        self.delete_button.setEnabled(editable and self.selected() is not None)
        self.save_button.setEnabled(editable)

    def _codes(self) -> set[str]:
        codes: set[str] = set()
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            codes.add(item.text(CODE).strip())
            stack.extend(item.child(i) for i in range(item.childCount()))
        return codes

    def _next_code(self, parent: QTreeWidgetItem | None) -> str:
        prefix = "" if parent is None else parent.text(CODE).strip() + "."
        taken = self._codes()
        n = (self.tree.topLevelItemCount() if parent is None else parent.childCount()) + 1
        while f"{prefix}{n}" in taken:
            n += 1
        return f"{prefix}{n}"

    def _add(self, parent: QTreeWidgetItem | None, level: str, name: str) -> QTreeWidgetItem:
        item = self._new_item(parent, level, name, self._next_code(parent), 5.0 if level == "item" else None, None)
        if parent is not None:
            parent.setExpanded(True)
        self.tree.setCurrentItem(item)
        self.tree.editItem(item, NAME)
        return item

    def add_module(self) -> QTreeWidgetItem | None:
        if not self.editable():
            return None
        module = self._add(None, "module", self.tr("New module"))
        indicator = self._add(module, "indicator", self.tr("New indicator"))
        self._add(indicator, "item", self.tr("New item"))
        self.tree.setCurrentItem(module)
        return module

    def add_indicator(self) -> QTreeWidgetItem | None:
        module = self._ancestor("module")
        if not self.editable() or module is None:
            return None
        indicator = self._add(module, "indicator", self.tr("New indicator"))
        self._add(indicator, "item", self.tr("New item"))
        self.tree.setCurrentItem(indicator)
        return indicator

    def add_item(self) -> QTreeWidgetItem | None:
        indicator = self._ancestor("indicator")
        if not self.editable() or indicator is None:
            return None
        return self._add(indicator, "item", self.tr("New item"))

    def delete_node(self) -> None:
        item = self.selected()
        if not self.editable() or item is None:
            return
        parent = item.parent()
        if parent is None:
            self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(item))
        else:
            parent.removeChild(item)
        self._update_buttons()

    def nodes(self) -> list[dict[str, Any]]:
        """The whole tree in tree order, as ``save_model_edit`` takes it."""
        out: list[dict[str, Any]] = []

        def walk(item: QTreeWidgetItem) -> None:
            level = level_of(item)
            node: dict[str, Any] = {"id": item.data(NAME, ID_ROLE) or None, "level": level,
                                    "code": item.text(CODE).strip(), "name": item.text(NAME).strip()}
            if level == "item":
                node["max_score"] = item.text(MAX).strip()
            out.append(node)
            for i in range(item.childCount()):
                walk(item.child(i))

        for i in range(self.tree.topLevelItemCount()):
            walk(self.tree.topLevelItem(i))
        return out

    def _show(self, text: str, colour: str) -> None:
        self.status.setStyleSheet(f"color: {colour};")
        self.status.setText(text)

    def save(self) -> Saved | None:
        if not self.editable() or self.model is None:
            return None
        old = self.model
        try:
            saved = save_model_edit(self.ctx.db, self.ctx.actor(), old.id, self.nodes())
        except REFUSALS as e:
            self._show(error_text(e), "#c0392b")
            return None
        self.load_versions(select=saved.id)
        if saved.id != old.id:
            self._show(self.tr("Version {0} made: the former version has been used and stays as it was.")
                       .format(self.model.version_no if self.model else ""), "#1e8449")
        elif saved.changes.tables:
            self._show(self.tr("Saved."), "#1e8449")
        else:
            self._show(self.tr("Nothing changed."), "#606060")
        if saved.changes.tables:
            self.changed.emit(saved.changes)
        return saved


def open_model_dialog(parent: QWidget, ctx: AppContext, on_change: Callable[[object], None]) -> ModelDialog:
    dialog = ModelDialog(ctx, "studio", parent)
    dialog.changed.connect(on_change)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
