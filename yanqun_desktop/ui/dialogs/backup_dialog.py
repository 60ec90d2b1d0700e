"""备份与恢复: the backups in the backup folder, a backup now, the folder moved (a second drive),
and a restore with a preview of what the backup holds. After a restore the app starts again on
the restored database."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QMessageBox, QVBoxLayout, QWidget

from yanqun_desktop.config import save_settings
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.operations import Progress, Task, run_task
from yanqun_desktop.ui.sync_parts import fill_table
from yanqun_desktop.ui.widgets.dialog_parts import error_text, make_button, read_only_table


class BackupDialog(QDialog):
    def __init__(self, ctx: AppContext, restart: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.restart = restart
        self.task: Task | None = None
        self.backups: list[Any] = []
        self.setWindowTitle(self.tr("Backup and restore"))
        self.resize(760, 460)
        self.folder_label = QLabel()
        self.folder_label.setObjectName("folder")
        self.folder_label.setWordWrap(True)
        note = QLabel(self.tr("Backups are encrypted with this PC's key: keep a key backup (Sync centre → Back up "
                              "my keys) apart, or a backup cannot be read after the PC is rebuilt. Automatic "
                              "backups are thinned to one a day for a week, one a week for five weeks and one a "
                              "month for a year; backups made by hand are kept."))
        note.setWordWrap(True)
        self.table = read_only_table([self.tr("Made"), self.tr("Kind"), self.tr("Size"), self.tr("File")])
        self.table.setObjectName("backups")
        now = make_button(self.tr("Back up now"), "backup_now", self.back_up)
        restore = make_button(self.tr("Restore…"), "restore", self.restore_selected)
        other = make_button(self.tr("Restore from a file…"), "restore_file", self.restore_file)
        move = make_button(self.tr("Backup folder…"), "choose_folder", self.choose_folder)
        open_folder = make_button(self.tr("Open folder"), "open_folder", self.open_folder)
        close = make_button(self.tr("Close"), "close", self.accept)
        buttons = QHBoxLayout()
        for b in (now, restore, other, move, open_folder):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.folder_label)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.refresh()

    @property
    def folder(self) -> Path:
        from yanqun_desktop.services.backups import backup_folder

        return backup_folder(self.ctx.db)

    def refresh(self) -> None:
        from yanqun_desktop.services.backups import KIND_LABELS, list_backups

        self.folder_label.setText(self.tr("Backup folder: {0}").format(self.folder))
        self.backups = list_backups(self.folder, self.ctx.org.code)
        fill_table(self.table, [
            [f"{b.created.astimezone():%Y-%m-%d %H:%M}", KIND_LABELS.get(b.header.kind, b.header.kind),
             f"{b.size / 1e6:.1f} MB", b.path.name]
            for b in self.backups
        ])

    def back_up(self) -> Task | None:
        from yanqun_desktop.services.backups import backup_now

        if self.task is not None:
            return None
        folder = self.folder

        def work(progress: Progress) -> Any:
            progress(self.tr("Backing up…"), 0.2)
            return backup_now(self.ctx.db, self.ctx.actor(), folder=folder)

        self.task = run_task(self, self.tr("Back up now"), work, self._backed_up, self._failed)
        return self.task

    def _backed_up(self, made: Any) -> None:
        self.task = None
        self.refresh()

    def _failed(self, error: Exception) -> None:
        self.task = None
        QMessageBox.warning(self, self.windowTitle(), error_text(error))

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Backup folder (e.g. on a second drive)"),
                                                  str(self.folder))
        if folder:
            self.set_folder(Path(folder))

    def set_folder(self, folder: Path) -> None:
        self.ctx.settings.backup_dir = str(folder)
        save_settings(self.ctx.settings)
        self.refresh()

    def open_folder(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))

    def restore_selected(self) -> bool:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            QMessageBox.information(self, self.windowTitle(), self.tr("Choose a backup in the list first."))
            return False
        return self.restore(self.backups[rows[0].row()].path)

    def restore_file(self) -> bool:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Restore from a backup file"), str(self.folder),
                                              self.tr("Backups (*.yqbak)"))
        return self.restore(Path(path)) if path else False

    def restore(self, path: Path, *, confirm: bool = True) -> bool:
        """Preview, confirm, restore, then start again on the restored database."""
        from yanqun_desktop.services.backups import preview_backup, restore_backup

        try:
            preview = preview_backup(self.ctx.db, self.ctx.actor(), path)
        except Exception as e:  # a refused backup is explained, never a traceback
            QMessageBox.warning(self, self.windowTitle(), error_text(e))
            return False
        counts = "\n".join(f"{label}：{n}" for label, n in preview.counts)
        last = preview.last_change.astimezone().strftime("%Y-%m-%d %H:%M") if preview.last_change else "—"
        question = self.tr("Replace the database with the backup made on {0}?\n\nIt holds:\n{1}\nLast change "
                           "recorded: {2}\n\nThe current database is backed up first; the app then starts "
                           "again.").format(f"{preview.file.created.astimezone():%Y-%m-%d %H:%M}", counts, last)
        if confirm and QMessageBox.question(self, self.windowTitle(), question) != QMessageBox.StandardButton.Yes:
            return False
        try:
            restore_backup(self.ctx.db, self.ctx.actor(), path)
        except Exception as e:  # nothing was replaced: say why
            QMessageBox.warning(self, self.windowTitle(), error_text(e))
            return False
        self.accept()
        self.restart()
        return True
