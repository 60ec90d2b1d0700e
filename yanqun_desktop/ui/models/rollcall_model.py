"""The roll of one session as a small editable table model: 序号, 姓名, 社区, 出勤, 备注, 身份.

A roll is a cohort or two (tens to a few hundred people), so the rows live in memory; the
view draws them from this model (no per-row widgets), which keeps a 120-person roll instant.
Only the note is edited in place; the status is set by ``set_status`` (the keys of the
roll-call table). The model remembers what was saved, to tell the dialog about unsaved changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from yanqun_desktop.domain import vocab
from yanqun_desktop.services.attendance import RollRow

Index = QModelIndex | QPersistentModelIndex

NUMBER, NAME, COMMUNITY, STATUS, NOTE, ROLE = range(6)

ATTENDED = ("present", "late")
STATUS_COLOURS = {"present": "#1e8449", "late": "#b9770e", "leave": "#2471a3", "absent": "#c0392b"}
UNSET_COLOUR = "#9a9a9a"
CHANGED_BACKGROUND = "#fff4cc"  # a status or note changed since the last save


@dataclass
class RollEntry:
    person_id: str
    name: str
    community: str
    status: str | None
    note: str
    enrolled: bool
    saved_status: str | None  # as stored (None: nothing stored yet)
    saved_note: str

    @property
    def changed(self) -> bool:
        return (self.status, self.note.strip()) != (self.saved_status, self.saved_note.strip())

    @property
    def note_changed(self) -> bool:
        return self.note.strip() != self.saved_note.strip()

    @classmethod
    def from_row(cls, row: RollRow) -> RollEntry:
        return cls(row.person_id, row.name, row.community, row.status, row.note, row.enrolled, row.status, row.note)


@dataclass(frozen=True)
class RollCounts:
    expected: int  # 应到: the trainees on the roll
    arrived: int  # 已到: of them, present or late
    late: int
    leave: int
    absent: int
    unset: int  # nobody has said yet (roll and guests)
    guests: int  # guests present or late
    recorded: int  # every row with a status, guests included (the service's rate counts them)
    attended: int

    @property
    def rate(self) -> float | None:
        return self.attended / self.recorded if self.recorded else None


class RollCallModel(QAbstractTableModel):
    counts_changed = Signal()  # after any status or note change

    def __init__(self, rows: list[RollRow]) -> None:
        super().__init__()
        self.rows = [RollEntry.from_row(r) for r in rows]
        self._headers = [self.tr("No."), self.tr("Name"), self.tr("Community"), self.tr("Attendance"),
                         self.tr("Note"), self.tr("Role")]
        self._unset = self.tr("Not recorded")
        self._trainee, self._guest = self.tr("Trainee"), self.tr("Guest")
        self._labels = dict(vocab.ATTENDANCE.items())
        self._colours = {code: QBrush(QColor(c)) for code, c in STATUS_COLOURS.items()}
        self._unset_brush = QBrush(QColor(UNSET_COLOUR))
        self._changed_brush = QBrush(QColor(CHANGED_BACKGROUND))
        self._bold = QFont()
        self._bold.setBold(True)

    # -- edits ----------------------------------------------------------------------------
    def set_status(self, row: int, status: str | None) -> None:
        if not 0 <= row < len(self.rows) or self.rows[row].status == status:
            return
        self.rows[row].status = status
        self.dataChanged.emit(self.index(row, 0), self.index(row, ROLE))
        self.counts_changed.emit()

    def fill_unset(self, status: str) -> int:
        """Give every row without a status ``status``; returns how many rows changed."""
        changed = [i for i, r in enumerate(self.rows) if r.status is None]
        for i in changed:
            self.rows[i].status = status
        if changed:
            self.dataChanged.emit(self.index(changed[0], 0), self.index(changed[-1], ROLE))
            self.counts_changed.emit()
        return len(changed)

    def add_guest(self, person_id: str, name: str, community: str, status: str | None) -> int:
        """Append a guest (列席) row, or return the row the person already has."""
        existing = self.row_of(person_id)
        if existing >= 0:
            return existing
        row = len(self.rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self.rows.append(RollEntry(person_id, name, community, status, "", False, None, ""))
        self.endInsertRows()
        self.counts_changed.emit()
        return row

    def row_of(self, person_id: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r.person_id == person_id), -1)

    def mark_saved(self) -> None:
        for r in self.rows:
            r.saved_status, r.saved_note = r.status, r.note.strip()
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, ROLE))

    # -- reading --------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return any(r.changed for r in self.rows)

    def entries(self) -> list[dict[str, Any]]:
        """What ``record_attendance`` takes: the changed rows (unchanged ones are no-ops there)."""
        return [{"person_id": r.person_id, "status": r.status or "", "note": r.note.strip()}
                for r in self.rows if r.changed]

    def notes_without_status(self) -> list[str]:
        """Names whose note would be lost: a note is kept only with an attendance record."""
        return [r.name for r in self.rows if r.note.strip() and r.status is None]

    def counts(self) -> RollCounts:
        roll = [r for r in self.rows if r.enrolled]
        guests = [r for r in self.rows if not r.enrolled]
        recorded = [r for r in self.rows if r.status is not None]
        return RollCounts(
            expected=len(roll),
            arrived=sum(r.status in ATTENDED for r in roll),
            late=sum(r.status == "late" for r in roll),
            leave=sum(r.status == "leave" for r in roll),
            absent=sum(r.status == "absent" for r in roll),
            unset=sum(r.status is None for r in self.rows),
            guests=sum(r.status in ATTENDED for r in guests),
            recorded=len(recorded),
            attended=sum(r.status in ATTENDED for r in recorded),
        )

    # -- QAbstractTableModel --------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == NOTE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(index.row(), r, column)
        if role == Qt.ItemDataRole.EditRole:
            return r.note if column == NOTE else self._text(index.row(), r, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == NOTE:
            return r.note or None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == STATUS:
                return self._colours.get(r.status or "", self._unset_brush)
            if column == ROLE and not r.enrolled:
                return self._colours["leave"]
        if role == Qt.ItemDataRole.FontRole and column == STATUS and r.status is not None:
            return self._bold
        changed = (column == STATUS and r.status != r.saved_status) or (column == NOTE and r.note_changed)
        if role == Qt.ItemDataRole.BackgroundRole and changed:
            return self._changed_brush
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (NUMBER, STATUS, ROLE):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _text(self, row: int, r: RollEntry, column: int) -> str:
        if column == NUMBER:
            return str(row + 1)
        if column == NAME:
            return r.name
        if column == COMMUNITY:
            return r.community
        if column == STATUS:
            return self._labels[r.status] if r.status else self._unset
        if column == NOTE:
            return r.note
        return self._trainee if r.enrolled else self._guest

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != NOTE or role != Qt.ItemDataRole.EditRole:
            return False
        r = self.rows[index.row()]
        text = str(value or "")
        if text == r.note:
            return False
        r.note = text
        self.dataChanged.emit(self.index(index.row(), STATUS), self.index(index.row(), NOTE))
        self.counts_changed.emit()
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None
