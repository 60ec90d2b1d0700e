"""数据 menu: spreadsheets in and out, batch printing and the statistics workbook.

Everything here imports its reports/ and services/ modules when chosen, so none of
openpyxl, calamine or reportlab loads before the clerk asks for a file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMainWindow, QMenu, QMessageBox

from yanqun_desktop.services.permissions import Permission, allows
from yanqun_desktop.services.uow import Changes
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.exports import export_file
from yanqun_desktop.ui.operations import Task

if TYPE_CHECKING:
    from yanqun_desktop.ui.dialogs.archive_print_dialog import BatchPrintDialog
    from yanqun_desktop.ui.dialogs.import_dialog import ImportDialog, ImportSpec

ROSTER_TABLES = frozenset({"people", "communities", "positions", "person_talents", "tutors", "reserve_entries",
                           "enrolments", "cohorts"})
ATTENDANCE_TABLES = frozenset({"attendance", "training_sessions"})


class DataMenu(QObject):
    """Builds the menu on ``window`` and emits changes through ``apply_changes``."""

    def __init__(self, window: QMainWindow, ctx: AppContext, apply_changes: Callable[[Changes], None]) -> None:
        super().__init__(window)
        self.window, self.ctx, self.apply_changes = window, ctx, apply_changes
        menu = window.menuBar().addMenu(self.tr("&Data"))
        menu.setObjectName("data_menu")
        self.menu = menu
        edit, export = Permission.EDIT_RECORDS, Permission.EXPORT_RECORDS
        self._add(menu, self.tr("Import &roster…"), "import_roster", self.import_roster, edit)
        self._add(menu, self.tr("Import &sign-in sheet…"), "import_signin", self.import_signin, edit)
        menu.addSeparator()
        exports = QMenu(self.tr("&Export roster"), menu)
        exports.setObjectName("export_menu")
        for kind, label in self.kinds():
            self._add(exports, label + "…", f"export_{kind}",
                      lambda _c=False, k=kind, n=label: self.export_roster(k, n), export)
        self._add_menu(menu, exports, export)
        self._add(menu, self.tr("Export &attendance…"), "export_attendance", self.export_attendance, export)
        templates = QMenu(self.tr("Roster &templates"), menu)  # blank sheets to fill in and import
        templates.setObjectName("templates_menu")
        for kind, label in self.kinds():
            self._add(templates, label, f"template_{kind}", lambda _c=False, k=kind, n=label: self.template(k, n),
                      edit)
        self._add_menu(menu, templates, edit)
        menu.addSeparator()
        self._add(menu, self.tr("&Print growth archives…"), "batch_print", self.batch_print,
                  Permission.PRINT_ARCHIVES)
        self._add(menu, self.tr("Statistics &workbook…"), "stats_workbook", self.stats_workbook, export)
        # A role with nothing here (none today) would see an empty menu: hide it then.
        menu.menuAction().setVisible(any(a.isVisible() and not a.isSeparator() for a in menu.actions()))

    def kinds(self) -> list[tuple[str, str]]:
        return [("people", self.tr("People")), ("tutors", self.tr("Tutors")),
                ("reserve", self.tr("Reserve candidates")), ("enrolment", self.tr("Cohort enrolments"))]

    def offers(self, permission: Permission | None) -> bool:
        return permission is None or allows(self.ctx.actor(), permission)

    def _add(self, menu: QMenu, text: str, name: str, slot: object, permission: Permission | None = None) -> QAction:
        """An action for a role with ``permission``; the others are not offered it (hidden and
        disabled, so its shortcut does nothing either)."""
        action = QAction(text, self)
        action.setObjectName(name)
        action.triggered.connect(slot)  # type: ignore[arg-type]
        if not self.offers(permission):
            action.setVisible(False)
            action.setEnabled(False)
        menu.addAction(action)
        return action

    def _add_menu(self, menu: QMenu, submenu: QMenu, permission: Permission | None) -> None:
        menu.addMenu(submenu)
        if not self.offers(permission):
            submenu.menuAction().setVisible(False)
            submenu.menuAction().setEnabled(False)

    # -- imports ---------------------------------------------------------------------------
    def roster_spec(self, street: str | None = None) -> ImportSpec:
        """``street``: the street a district clerk imports for (a street imports for itself)."""
        from yanqun_desktop.ui.dialogs.import_dialog import ImportSpec

        def preview(path: Path, kind: str | None):  # type: ignore[no-untyped-def]
            from yanqun_desktop.services.roster import preview_roster

            return preview_roster(self.ctx.db, self.ctx.actor(), path, kind, street=street)

        def apply(path: Path, kind: str | None, skip: bool):  # type: ignore[no-untyped-def]
            from yanqun_desktop.services.roster import import_roster

            return import_roster(self.ctx.db, self.ctx.actor(), path, kind, skip_invalid=skip, street=street)

        def rejected(report, source: Path, target: Path) -> object:  # type: ignore[no-untyped-def]
            from yanqun_desktop.reports.roster_workbook import write_rejected_rows
            from yanqun_desktop.sheets.reading import read_sheet

            return write_rejected_rows(report, read_sheet(source), target)

        kinds: list[tuple[str, str | None]] = [(self.tr("Recognise from the headers"), None), *self.kinds()]
        title = self.tr("Import roster") if street is None else self.tr("Import roster — {0}").format(street)
        return ImportSpec(title, kinds, preview, apply, ROSTER_TABLES, rejected)

    def signin_spec(self) -> ImportSpec:
        from yanqun_desktop.ui.dialogs.import_dialog import ImportSpec

        def preview(path: Path, _kind: str | None):  # type: ignore[no-untyped-def]
            from yanqun_desktop.services.attendance_import import import_signin_sheet

            return import_signin_sheet(self.ctx.db, self.ctx.actor(), path, dry_run=True, skip_invalid=True)

        def apply(path: Path, _kind: str | None, skip: bool):  # type: ignore[no-untyped-def]
            from yanqun_desktop.services.attendance_import import import_signin_sheet

            return import_signin_sheet(self.ctx.db, self.ctx.actor(), path, skip_invalid=skip)

        return ImportSpec(self.tr("Import sign-in sheet"), [], preview, apply, ATTENDANCE_TABLES)

    def _open_import(self, spec: ImportSpec) -> ImportDialog:
        from yanqun_desktop.ui.dialogs.import_dialog import ImportDialog

        dialog = ImportDialog(self.ctx, spec, self.window)
        dialog.changed.connect(self.apply_changes)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def import_roster(self) -> ImportDialog | None:
        street = None
        if self.ctx.org.is_district:  # the district imports a street's list on its behalf
            from yanqun_desktop.services.programmes import street_choices

            names = [name for _id, name in street_choices(self.ctx.db)]
            street, ok = QInputDialog.getItem(self.window, self.tr("Import roster"),
                                              self.tr("Which street's roster is this?"), names, 0, False)
            if not ok:
                return None
        return self._open_import(self.roster_spec(street))

    def import_signin(self) -> ImportDialog:
        return self._open_import(self.signin_spec())

    # -- exports ---------------------------------------------------------------------------
    def _stamp(self) -> str:
        return dt.date.today().strftime("%Y%m%d")

    def template(self, kind: str, label: str) -> Task | None:
        def write(path: Path) -> object:
            from yanqun_desktop.reports.roster_workbook import write_roster_template

            return write_roster_template(self.ctx.db, self.ctx.actor(), kind, path)

        return export_file(self.window, self.tr("Roster template"), f"导入模板-{label}.xlsx", "Excel (*.xlsx)", write)

    def export_roster(self, kind: str = "people", label: str = "") -> Task | None:
        """In the template's columns, so a corrected export imports back; ID numbers and phones
        masked unless a role that may see them asks (recorded in the audit trail)."""
        full = self.ask_full_numbers() if self.ctx.allows(Permission.VIEW_PERSONAL) else False
        if full is None:
            return None

        def write(path: Path) -> object:
            from yanqun_desktop.reports.roster_workbook import export_roster

            return export_roster(self.ctx.db, self.ctx.actor(), path, kind, include_personal=full)

        name = f"{label or self.tr('People')}-{self.ctx.org.name}-{self._stamp()}.xlsx"
        return export_file(self.window, self.tr("Export roster"), name, "Excel (*.xlsx)", write)

    def ask_full_numbers(self) -> bool | None:
        """Masked (the default), full numbers, or cancel."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Export roster"),
                          self.tr("ID numbers and mobile numbers are masked in the export. Export them in full? "
                                  "A file with full numbers must be kept safe; the export is recorded in the "
                                  "audit log."), parent=self.window)
        masked = box.addButton(self.tr("Masked"), QMessageBox.ButtonRole.AcceptRole)
        full = box.addButton(self.tr("Full numbers"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(masked)
        box.exec()
        clicked = box.clickedButton()
        return True if clicked is full else False if clicked is masked else None

    def export_attendance(self) -> Task | None:
        def write(path: Path) -> object:
            from yanqun_desktop.reports.attendance_export import export_attendance

            return export_attendance(self.ctx.db, path)

        name = f"考勤-{self.ctx.org.name}-{self._stamp()}.xlsx"
        return export_file(self.window, self.tr("Export attendance"), name, "Excel (*.xlsx)", write)

    def stats_workbook(self) -> Task | None:
        def write(path: Path) -> object:
            from yanqun_desktop.reports.stats_workbook import write_stats_workbook
            from yanqun_desktop.services.statistics import compute_statistics

            return write_stats_workbook(compute_statistics(self.ctx.db), path)

        name = f"{self.ctx.org.name}社区人才培养情况统计-{self._stamp()}.xlsx"
        return export_file(self.window, self.tr("Statistics workbook"), name, "Excel (*.xlsx)", write)

    # -- printing --------------------------------------------------------------------------
    def batch_print(self) -> BatchPrintDialog:
        from yanqun_desktop.ui.dialogs.archive_print_dialog import BatchPrintDialog

        dialog = BatchPrintDialog(self.ctx, self.window)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog
