"""培养看板: the camp's trainees of one cohort in three columns, 种子遴选 → 育苗特训 → 成材使用.

The district moves the selected card one stage on (or back, to correct a mistake) and sets its
tier; a street sees its own people's cards read-only (buttons disabled, the tooltip says why),
and a role that may not edit records is not offered the buttons at all."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from yanqun_desktop.domain import vocab
from yanqun_desktop.services.camp import BoardCard, camp_board, camp_cohorts, move_stage, set_tier
from yanqun_desktop.services.permissions import Permission
from yanqun_desktop.services.records import Saved
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.gating import Offer
from yanqun_desktop.ui.widgets.dialog_parts import REFUSALS, error_text, make_button

TIER_COLOURS = {"district_key": "#c0392b", "street_core": "#2471a3", "reserve": "#606060"}


class CampBoardDialog(QDialog):
    changed = Signal(object)  # Changes after a move or a tier change

    def __init__(self, ctx: AppContext, cohort_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.district = ctx.org.is_district
        self.cards: dict[str, BoardCard] = {}
        self.setWindowTitle(self.tr("Youth camp training board"))
        self.cohort = QComboBox()
        self.cohort.setObjectName("cohort")
        self.cohort.setMinimumContentsLength(16)
        for c in camp_cohorts(ctx.db):
            self.cohort.addItem(self.tr("{0} ({1} trainees)").format(c.name, c.trainees), c.id)
        if cohort_id is not None:
            self.cohort.setCurrentIndex(max(self.cohort.findData(cohort_id), 0))
        self.cohort.currentIndexChanged.connect(lambda _i: self.reload())
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Cohort")))
        top.addWidget(self.cohort)
        top.addStretch(1)
        self.empty = QLabel()
        self.empty.setStyleSheet("color: #808080;")
        top.addWidget(self.empty)

        self.columns: dict[str, QListWidget] = {}
        board = QHBoxLayout()
        bold = QFont(self.font())
        bold.setBold(True)
        for code, label in vocab.CAMP_STAGE.items():
            column = QVBoxLayout()
            caption = QLabel(label)
            caption.setObjectName(f"caption_{code}")
            caption.setFont(bold)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption.setStyleSheet("background: #e8eef5; padding: 6px; border-radius: 3px;")
            cards = QListWidget()
            cards.setObjectName(f"stage_{code}")
            cards.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            cards.setSpacing(3)
            cards.setWordWrap(True)
            cards.itemSelectionChanged.connect(lambda c=cards: self._selected_in(c))
            column.addWidget(caption)
            column.addWidget(cards, 1)
            board.addLayout(column, 1)
            self.columns[code] = cards

        read_only = self.tr("The youth camp is run by the district; a street can only view it.")
        self.back_button = make_button(self.tr("◀ Previous stage"), "move_back", lambda: self.move(-1))
        self.next_button = make_button(self.tr("Next stage ▶"), "move_next", lambda: self.move(1))
        self.tier = QComboBox()
        self.tier.setObjectName("tier")
        for code, label in vocab.CAMP_TIER.items():
            self.tier.addItem(label, code)
        self.tier_button = make_button(self.tr("Set tier"), "set_tier", self.apply_tier)
        for w in (self.back_button, self.next_button, self.tier, self.tier_button):
            if not self.district:
                w.setToolTip(read_only)
        close = make_button(self.tr("Close"), "close", self.accept)
        tier_label = QLabel(self.tr("Tier"))
        offer = Offer(ctx.actor(), Permission.EDIT_RECORDS)
        offer.buttons(self.back_button, self.next_button, self.tier, self.tier_button)
        offer.hide(tier_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        buttons.addSpacing(24)
        buttons.addWidget(tier_label)
        buttons.addWidget(self.tier)
        buttons.addWidget(self.tier_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(board, 1)
        layout.addLayout(buttons)
        self.resize(QSize(900, 560))
        self.reload()

    # -- showing --------------------------------------------------------------------------
    def cohort_id(self) -> str | None:
        data = self.cohort.currentData()
        return str(data) if data else None

    def reload(self, select: str | None = None) -> None:
        for cards in self.columns.values():
            cards.clear()
        self.cards = {}
        cohort_id = self.cohort_id()
        if cohort_id is None:
            self.empty.setText(self.tr("No camp cohort yet."))
            self._update_buttons()
            return
        try:
            board = camp_board(self.ctx.db, cohort_id)
        except REFUSALS as e:
            QMessageBox.warning(self, self.windowTitle(), error_text(e))
            return
        total = 0
        for stage, cards in board.items():
            for card in cards:
                total += 1
                self.cards[card.enrolment_id] = card
                lines = [f"{card.name}  ·  {card.street_name}", card.tier_label]
                if card.title:
                    lines.append(card.title)
                if card.left_on:
                    lines.append(self.tr("Left the camp on {0}").format(card.left_on.isoformat()))
                item = QListWidgetItem("\n".join(lines))
                item.setData(Qt.ItemDataRole.UserRole, card.enrolment_id)
                item.setToolTip(" · ".join(p for p in (card.name, card.street_name, card.community, card.title) if p))
                item.setForeground(QColor("#a0a0a0" if card.left_on else TIER_COLOURS.get(card.tier, "#000000")))
                self.columns[stage].addItem(item)
                if card.enrolment_id == select:
                    self.columns[stage].setCurrentItem(item)
        self.empty.setText("" if total else self.tr("No trainees in this cohort yet."))
        self._update_buttons()

    def _selected_in(self, cards: QListWidget) -> None:
        if cards.selectedItems():  # one selection across the three columns
            for other in self.columns.values():
                if other is not cards:
                    other.blockSignals(True)
                    other.clearSelection()
                    other.blockSignals(False)
        self._update_buttons()

    def selected_card(self) -> BoardCard | None:
        for cards in self.columns.values():
            items = cards.selectedItems()
            if items:
                return self.cards.get(str(items[0].data(Qt.ItemDataRole.UserRole)))
        return None

    def select_enrolment(self, enrolment_id: str) -> bool:
        for cards in self.columns.values():
            for row in range(cards.count()):
                if cards.item(row).data(Qt.ItemDataRole.UserRole) == enrolment_id:
                    cards.setCurrentRow(row)
                    return True
        return False

    def _update_buttons(self) -> None:
        card = self.selected_card()
        position = vocab.CAMP_STAGE.position(card.stage) if card else 0
        live = card is not None and card.left_on is None and self.district
        self.back_button.setEnabled(live and position > 1)
        self.next_button.setEnabled(live and position < len(vocab.CAMP_STAGE.codes))
        self.tier.setEnabled(self.district and card is not None)
        self.tier_button.setEnabled(self.district and card is not None)
        if card is not None:
            self.tier.setCurrentIndex(max(self.tier.findData(card.tier), 0))

    # -- writes ---------------------------------------------------------------------------
    def _run(self, action, enrolment_id: str) -> Saved | None:  # type: ignore[no-untyped-def]
        try:
            saved: Saved = action()
        except REFUSALS as e:
            QMessageBox.warning(self, self.tr("Not done"), error_text(e))
            return None
        self.reload(select=enrolment_id)
        self.changed.emit(saved.changes)
        return saved

    def move(self, step: int) -> Saved | None:
        card = self.selected_card()
        if card is None:
            return None
        codes = vocab.CAMP_STAGE.codes
        index = codes.index(card.stage) + step
        if not 0 <= index < len(codes):
            return None
        return self._run(lambda: move_stage(self.ctx.db, self.ctx.actor(), card.enrolment_id, codes[index]),
                         card.enrolment_id)

    def apply_tier(self) -> Saved | None:
        card = self.selected_card()
        if card is None:
            return None
        tier = str(self.tier.currentData())
        return self._run(lambda: set_tier(self.ctx.db, self.ctx.actor(), card.enrolment_id, tier), card.enrolment_id)
