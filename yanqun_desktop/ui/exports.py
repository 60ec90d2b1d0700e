"""Writing a file the clerk asked for (a template, a roster, a sign-in sheet, a report):
ask where, write it off the UI thread, then say where it went and offer to open its folder.

The writers live in ``reports/`` and write to a temporary name before renaming, so a failed or
interrupted export never leaves a half-written file under the chosen name."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from yanqun_desktop.ui.operations import Progress, Task, run_task
from yanqun_desktop.ui.widgets.dialog_parts import error_text

Writer = Callable[[Path], object]


def safe_file_name(name: str) -> str:
    """A suggested file name without the characters Windows refuses (a session title may hold "/")."""
    return re.sub(r'[\\/:*?"<>|\s]+', "_", name).strip("._") or "yanqun"


def ask_save_path(parent: QWidget, title: str, suggested: str, file_filter: str) -> Path | None:
    target, chosen_filter = QFileDialog.getSaveFileName(parent, title, str(Path.home() / suggested), file_filter)
    if not target:
        return None
    path = Path(target)
    if not path.suffix and "*." in chosen_filter:  # the filter the clerk picked gives the suffix
        path = path.with_suffix("." + chosen_filter.split("*.", 1)[1].split(")")[0].split()[0])
    return path


def export_file(parent: QWidget, title: str, suggested: str, file_filter: str, write: Writer,
                on_written: Callable[[Path], None] | None = None) -> Task | None:
    path = ask_save_path(parent, title, suggested, file_filter)
    return None if path is None else export_to(parent, title, path, write, on_written)


def export_to(parent: QWidget, title: str, path: Path, write: Writer,
              on_written: Callable[[Path], None] | None = None) -> Task:
    """Write ``path`` in the background; ``on_written`` replaces the default "written" message."""

    def work(progress: Progress) -> Path:
        progress(QCoreApplication.translate("Exports", "Writing {0}…").format(path.name), 0.2)
        write(path)
        return path

    def done(written: Path) -> None:
        if on_written is not None:
            on_written(written)
        else:
            tell_written(parent, title, written)

    def failed(error: Exception) -> None:
        message = error.strerror if isinstance(error, OSError) and error.strerror else error_text(error)
        QMessageBox.warning(parent, title, QCoreApplication.translate("Exports", "{0} was not written: {1}")
                            .format(path.name, message))

    return run_task(parent, title, work, done, failed)


def tell_written(parent: QWidget, title: str, path: Path) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, title,
                      QCoreApplication.translate("Exports", "Written: {0}").format(path), parent=parent)
    box.setObjectName("written")
    open_folder = box.addButton(QCoreApplication.translate("Exports", "Open folder"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Ok)
    box.finished.connect(box.deleteLater)

    def clicked(button: object) -> None:
        if button is open_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

    box.buttonClicked.connect(clicked)
    box.open()
