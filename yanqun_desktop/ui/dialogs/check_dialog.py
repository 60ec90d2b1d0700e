"""检查数据库: the check's findings, and the safe repairs after a backup."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QMessageBox, QPlainTextEdit, QVBoxLayout, QWidget

from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.operations import Progress, Task, run_task
from yanqun_desktop.ui.widgets.dialog_parts import error_text, make_button


class CheckDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.task: Task | None = None
        self.report: Any = None
        self.setWindowTitle(self.tr("Check database"))
        self.resize(640, 400)
        self.summary = QLabel(self.tr("Checking…"))
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.details = QPlainTextEdit()
        self.details.setObjectName("details")
        self.details.setReadOnly(True)
        self.repair_button = make_button(self.tr("Back up, then repair"), "repair", self.repair)
        self.repair_button.setEnabled(False)
        close = make_button(self.tr("Close"), "close", self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.repair_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.details, 1)
        layout.addLayout(buttons)

    def check(self) -> Task:
        from yanqun_desktop.services.check import check_database

        def work(progress: Progress) -> Any:
            progress(self.tr("Checking…"), 0.3)
            return check_database(self.ctx.db, self.ctx.actor())

        self.task = run_task(self, self.windowTitle(), work, self._checked, self._failed)
        return self.task

    def _checked(self, report: Any, done: tuple[str, ...] = ()) -> None:
        self.task = None
        self.report = report
        lines = [self.tr("Repaired: {0}").format(line) for line in done]
        if report.ok:
            self.summary.setText(self.tr("{0} tables checked: no problems.").format(report.checked_tables))
        else:
            self.summary.setText(self.tr("{0} problems found; {1} can be repaired safely (after a backup), the "
                                         "others need a person.").format(len(report.found), len(report.repairable)))
        lines += [("✔ " if p.repairable else "✘ ") + p.message for p in report.found]
        self.details.setPlainText("\n".join(lines))
        self.repair_button.setEnabled(bool(report.repairable))

    def _failed(self, error: Exception) -> None:
        self.task = None
        QMessageBox.warning(self, self.windowTitle(), error_text(error))

    def repair(self) -> Task | None:
        from yanqun_desktop.services.check import repair_database

        if self.task is not None:
            return None
        actor = self.ctx.actor()

        def work(progress: Progress) -> Any:
            progress(self.tr("Backing up and repairing…"), 0.3)
            return repair_database(self.ctx.db, actor)

        def done(result: Any) -> None:
            self._checked(result.remaining, (self.tr("backed up first: {0}").format(result.backup.path),
                                             *result.repaired))

        self.task = run_task(self, self.windowTitle(), work, done, self._failed)
        return self.task
