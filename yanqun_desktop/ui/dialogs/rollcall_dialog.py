"""考勤 (roll-call): one session's roll, recorded from the keyboard alone.

Up/Down move; one key per status — 1/Z 出席, 2/C 迟到, 3/Q 请假, 4/K 缺席 — and Delete clears,
each moving to the next row. On the 备注 column typing edits the note (F2 and double-click too;
the input method works there, elsewhere the keys are commands). Enter, when no note is being
edited, saves the whole roll in one transaction and closes. Nothing is written until then;
a refusal from the service (e.g. 出席 for a session not held yet) is shown and nothing is
written at all. A role that may not edit records reads the roll: no keys record, nothing to save.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication, QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from yanqun_desktop.domain import vocab
from yanqun_desktop.domain.validation import ValidationError, ValidationErrors
from yanqun_desktop.services.actor import PermissionDenied
from yanqun_desktop.services.attendance import RollCall, record_attendance, roll_call
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.permissions import Permission
from yanqun_desktop.services.records import Saved
from yanqun_desktop.services.registries import PEOPLE
from yanqun_desktop.services.registry import fetch_rows
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.gating import Offer
from yanqun_desktop.ui.models.rollcall_model import NOTE, STATUS, STATUS_COLOURS, RollCallModel
from yanqun_desktop.ui.widgets.dialog_parts import make_button
from yanqun_desktop.ui.widgets.person_picker import PersonPicker

if TYPE_CHECKING:
    from yanqun_desktop.ui.pages.registry_page import RegistryPage

K = Qt.Key
STATUS_KEYS: dict[int, str] = {
    K.Key_1: "present", K.Key_Z: "present",
    K.Key_2: "late", K.Key_C: "late",
    K.Key_3: "leave", K.Key_Q: "leave",
    K.Key_4: "absent", K.Key_K: "absent",
}
CLEAR_KEYS = (K.Key_Delete, K.Key_Backspace)
ENTER_KEYS = (K.Key_Return, K.Key_Enter)
MAX_ERRORS_SHOWN = 12  # a refused roll of 120 rows would otherwise fill the screen


def format_errors(error: Exception) -> str:
    """One message per line, at most ``MAX_ERRORS_SHOWN`` of them."""
    messages = [e.message for e in error] if isinstance(error, ValidationErrors) else [str(error)]
    shown = messages[:MAX_ERRORS_SHOWN]
    if len(messages) > len(shown):
        shown.append(f"……（共 {len(messages)} 处）")
    return "\n".join(shown)


class RollTable(QTableView):
    """The roll: status keys on every column but 备注, where keys type the note."""

    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.writable = True  # False: the roll is read (moving about only), see ``read_only``
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        # A double-click anywhere on a row edits its note (on the note itself Qt does it).
        self.doubleClicked.connect(lambda index: index.column() != NOTE and self.edit_note(index.row()))

    def read_only(self) -> None:
        self.writable = False
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

    def roll(self) -> RollCallModel:
        model = self.model()
        assert isinstance(model, RollCallModel)
        return model

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if self.state() == QAbstractItemView.State.EditingState:
            super().keyPressEvent(event)
            if key in ENTER_KEYS:  # the note editor's Enter: it commits, and must not save the roll
                event.accept()
            return
        commands = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                                        | Qt.KeyboardModifier.MetaModifier)
        if commands:
            super().keyPressEvent(event)
            return
        if not self.writable:
            if key in ENTER_KEYS or key in STATUS_KEYS or key in CLEAR_KEYS or key == K.Key_F2:
                event.accept()  # nothing to record or save
                return
            super().keyPressEvent(event)
            return
        if key in ENTER_KEYS:
            event.accept()
            self.save_requested.emit()
            return
        index = self.currentIndex()
        if not index.isValid():
            super().keyPressEvent(event)
            return
        if index.column() == NOTE:
            if key in CLEAR_KEYS:
                self.roll().setData(index, "")
                event.accept()
                return
            super().keyPressEvent(event)  # any other key starts editing the note with it
            return
        if key == K.Key_F2:  # F2 anywhere on a row edits its note
            self.edit_note(index.row())
            event.accept()
            return
        if key in STATUS_KEYS or key in CLEAR_KEYS:
            self.roll().set_status(index.row(), STATUS_KEYS.get(key))
            self.move_to(index.row() + 1, index.column())
            event.accept()
            return
        super().keyPressEvent(event)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        # Qt opens the note editor on a composition's first preedit and passes the rest on; a
        # text committed at once (no preedit: some input methods, punctuation) would be dropped.
        index = self.currentIndex()
        direct = bool(event.commitString()) and not event.preeditString()
        editing = self.state() == QAbstractItemView.State.EditingState
        if (direct and not editing and index.column() == NOTE
                and self.edit(index, QAbstractItemView.EditTrigger.AnyKeyPressed, event)):
            editor = self.indexWidget(index)
            if editor is not None:
                QApplication.sendEvent(editor, event)
                return
        super().inputMethodEvent(event)

    def edit_note(self, row: int) -> None:
        self.move_to(row, NOTE)
        if self.writable:
            self.edit(self.roll().index(row, NOTE))

    def move_to(self, row: int, column: int) -> None:
        row = max(0, min(row, self.roll().rowCount() - 1))
        index = self.roll().index(row, column)
        self.setCurrentIndex(index)
        self.scrollTo(index)

    def currentChanged(self, current: QModelIndex | QPersistentModelIndex,
                       previous: QModelIndex | QPersistentModelIndex) -> None:
        super().currentChanged(current, previous)
        # The input method only where text is typed: elsewhere Z/C/Q/K are commands, and a
        # pinyin input method would otherwise swallow them into a composition.
        typing = current.isValid() and current.column() == NOTE
        if self.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled) != typing:
            self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, typing)
            if self.hasFocus():
                QGuiApplication.inputMethod().update(Qt.InputMethodQuery.ImEnabled)


class GuestDialog(QDialog):
    """Pick one person to add to the roll as a guest (列席)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a guest"))
        self.setMinimumWidth(420)
        self.picker = PersonPicker(ctx.db)
        hint = QLabel(self.tr("Guests attend without being enrolled in the session's cohorts."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #606060;")
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(self.tr("Add"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    @property
    def person_id(self) -> str | None:
        return self.picker.person_id

    def _accept(self) -> None:
        if self.picker.person_id is not None:
            self.accept()


class RollCallDialog(QDialog):
    changed = Signal(object)  # Changes, once the roll is saved (the sessions page's 出勤率)

    def __init__(self, ctx: AppContext, session_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.session_id = ctx, session_id
        self.result_saved: Saved | None = None
        self.roll: RollCall = roll_call(ctx.db, session_id)
        self.setWindowTitle(self.tr("Roll call — {0}").format(self.roll.title))
        self.model = RollCallModel(self.roll.rows)
        self.model.counts_changed.connect(self._update_counts)

        self.table = RollTable()
        self.table.setObjectName("roll")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((52, 100, 150, 90, 0, 64)):
            if width:
                self.table.setColumnWidth(column, width)
        self.table.save_requested.connect(self.save)

        self.counts = QLabel()
        self.counts.setObjectName("counts")
        self.counts.setToolTip(self.tr("Attendance rate = (present + late) / everyone recorded, guests included"))

        self.all_present_button = make_button(self.tr("All present"), "all_present", self.all_present)
        self.guest_button = make_button(self.tr("Add guest…"), "add_guest", self.add_guest)
        self.save_button = make_button(self.tr("Save"), "save", self.save)
        self.cancel_button = make_button(self.tr("Cancel"), "cancel", self.reject)
        if self.roll.in_future:
            self.all_present_button.setEnabled(False)
            self.all_present_button.setToolTip(self.tr("The session has not taken place yet: only leave can be "
                                                       "recorded."))
        self.legend = self._legend()
        self.offer = Offer(ctx.actor(), Permission.EDIT_RECORDS)
        self.offer.buttons(self.all_present_button, self.guest_button, self.save_button)
        if not self.offer.hide(self.legend):  # the roll to read: no keys to learn
            self.table.read_only()
            self.cancel_button.setText(self.tr("Close"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.all_present_button)
        buttons.addWidget(self.guest_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self._header())
        layout.addWidget(self.legend)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.counts)
        layout.addLayout(buttons)
        self.resize(QSize(820, 680))
        self._update_counts()
        if self.model.rowCount():
            self.table.move_to(0, STATUS)
        self.table.setFocus()

    # -- building -------------------------------------------------------------------------

    def _header(self) -> QFrame:
        card = QFrame()
        card.setObjectName("header")
        card.setStyleSheet("QFrame#header { background: #f4f6f8; border: 1px solid #dde1e6; border-radius: 4px; }")
        title = QLabel(self.roll.title)
        title.setObjectName("title")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        weekday = QLocale().dayName(self.roll.date.isoweekday(), QLocale.FormatType.ShortFormat)
        facts = [f"{self.roll.date.isoformat()} {weekday}", self.roll.kind_label]
        cohorts = "、".join(self.roll.cohorts) if self.roll.cohorts else self.tr("no cohort")
        facts.append(self.tr("Cohorts: {0}").format(cohorts))
        details = QLabel("　·　".join(facts))
        details.setObjectName("details")
        details.setWordWrap(True)
        column = QVBoxLayout(card)
        column.addWidget(title)
        column.addWidget(details)
        if self.roll.in_future:
            days = (self.roll.date - dt.date.today()).days
            notice = QLabel(self.tr("This session is {0} days ahead: only leave can be recorded now.")
                            .format(days))
            notice.setObjectName("future")
            notice.setStyleSheet("color: #b9770e; font-weight: bold;")
            column.addWidget(notice)
        return card

    def _legend(self) -> QLabel:
        def key(caps: str, label: str, colour: str) -> str:
            return (f"<span style='background:#e8eaed; border:1px solid #c8ccd0;'>&nbsp;<b>{caps}</b>&nbsp;</span>"
                    f"&nbsp;<span style='color:{colour}; font-weight:bold;'>{label}</span>")

        caps = {"present": "1 / Z", "late": "2 / C", "leave": "3 / Q", "absent": "4 / K"}
        parts = [key(caps[code], label, STATUS_COLOURS[code]) for code, label in vocab.ATTENDANCE.items()]
        parts.append(key("Delete", self.tr("clear"), "#606060"))
        first = "&nbsp;&nbsp;&nbsp;".join(parts)
        second = self.tr("↑↓ move · each key moves to the next row · on the Note column just type (or F2, "
                         "double-click) · Enter saves and closes")
        legend = QLabel(f"{first}<br><span style='color:#606060;'>{second}</span>")
        legend.setObjectName("legend")
        legend.setTextFormat(Qt.TextFormat.RichText)
        return legend

    # -- live counts ----------------------------------------------------------------------
    def _update_counts(self) -> None:
        c = self.model.counts()
        late = self.tr(" (incl. {0} late)").format(c.late) if c.late else ""
        text = self.tr("Arrived {0}{1} / expected {2}, leave {3}, absent {4}").format(
            c.arrived, late, c.expected, c.leave, c.absent)
        if c.guests:
            text += self.tr(", guests {0}").format(c.guests)
        rate = "—" if c.rate is None else f"{c.rate * 100:.1f}%"
        parts = [text + self.tr(", attendance rate {0}").format(rate)]
        if c.unset:
            parts.append(self.tr("{0} not recorded yet").format(c.unset))
        if self.model.dirty:
            parts.append(self.tr("not saved"))
        self.counts.setText("　·　".join(parts))

    # -- actions --------------------------------------------------------------------------
    def all_present(self) -> int:
        filled = self.model.fill_unset("present")
        self.table.setFocus()
        return filled

    def add_guest(self) -> GuestDialog:
        dialog = GuestDialog(self.ctx, self)
        dialog.accepted.connect(lambda: self.take_guest(dialog.person_id))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def take_guest(self, person_id: str | None) -> int:
        """Add a person as a guest row (present, unless the session is still to come) and go
        to it; a person already on the roll is only selected."""
        if person_id is None:
            return -1
        values = fetch_rows(self.ctx.db, PEOPLE, [person_id]).get(person_id)
        if values is None:
            return -1
        keys = [c.key for c in PEOPLE.columns]
        person = dict(zip(keys, values, strict=False))
        status = None if self.roll.in_future else "present"
        row = self.model.add_guest(person_id, person.get("name", ""), person.get("community", ""), status)
        self.table.move_to(row, STATUS)
        self.table.setFocus()
        return row

    def save(self) -> bool:
        """Save the roll in one transaction and close; on a refusal nothing is written."""
        orphans = self.model.notes_without_status()
        if orphans:
            self.warn(self.tr("A note is kept only with an attendance status. Give a status to: {0}")
                      .format("、".join(orphans[:10]) + ("……" if len(orphans) > 10 else "")))
            return False
        entries = self.model.entries()
        if entries:
            try:
                saved = record_attendance(self.ctx.db, self.ctx.actor(), self.session_id, entries)
            except (ValidationErrors, ValidationError, PermissionDenied, ServiceError) as e:
                self.warn(format_errors(e))
                return False
            self.result_saved = saved
            self.model.mark_saved()
            if saved.changes.tables:
                self.changed.emit(saved.changes)
        super().accept()
        return True

    def warn(self, text: str) -> None:
        QMessageBox.warning(self, self.tr("Roll call not saved"), text)

    def ask_unsaved(self) -> str:
        """"save", "discard" or "cancel" (tests replace this)."""
        box = QMessageBox(QMessageBox.Icon.Question, self.windowTitle(),
                          self.tr("The roll call has unsaved changes. Save them?"), parent=self)
        save = box.addButton(self.tr("Save"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.exec()
        clicked = box.clickedButton()
        return "save" if clicked is save else "discard" if clicked is discard else "cancel"

    def accept(self) -> None:
        self.save()

    def reject(self) -> None:
        """Escape, Cancel and the window's close button: ask first when something is unsaved."""
        if self.model.dirty:
            answer = self.ask_unsaved()
            if answer == "cancel":
                return
            if answer == "save":
                self.save()
                return
        super().reject()


def open_roll_call(page: RegistryPage) -> RollCallDialog | None:
    """The roll call of the page's selected session; its save refreshes the pages (出勤率)."""
    session_id = page.selected_id()
    if session_id is None:
        return None
    try:
        dialog = RollCallDialog(page.ctx, session_id, page)
    except ServiceError as e:  # deleted meanwhile (an import, another window)
        QMessageBox.warning(page, page.spec.title, str(e))
        page.refresh()
        return None
    dialog.changed.connect(page.changed.emit)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
