"""同步中心: this office's keys, where it stands with each peer, packages out and in, the ledger
and (at the district) the conflicts waiting for a decision.

A street sends its changes to the district; the district sends each street its reference data
and acknowledgements. Packages travel as files (USB stick, e-mail): export writes one where the
clerk says — a removable drive first when one is plugged in — and offers to open the folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from yanqun_desktop.services.uow import Changes
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.operations import Progress, Task, run_task
from yanqun_desktop.ui.pages.page_parts import LazyRefresh, page_heading
from yanqun_desktop.ui.sync_parts import (
    CONFLICT_KINDS,
    STATUS_LABELS,
    fill_table,
    is_refusal,
    ledger_rows,
    org_names,
    record_label,
    removable_drives,
    when,
)
from yanqun_desktop.ui.widgets.dialog_parts import error_text, make_button, read_only_table


class SyncPage(QWidget, LazyRefresh):
    changed = Signal(object)  # Changes after an import or a conflict decision
    TABLES = frozenset({"package_ledger", "sync_peers", "sync_conflicts", "trusted_keys"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.task: Task | None = None
        self._stale = True
        title = page_heading(self.page_title())
        self.identity_label = QLabel()
        self.identity_label.setObjectName("identity")
        self.identity_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_button = make_button(self.tr("Export package…"), "export", self.export_package)
        self.import_button = make_button(self.tr("Import packages…"), "import", self.import_packages)
        import_folder = make_button(self.tr("Import a folder…"), "import_folder", self.import_folder)
        self.recovery_button = make_button(self.tr("Recovery package…"), "recovery", self.export_recovery)
        self.recovery_button.setToolTip(self.tr("Every record a street owns, for a street restored from a backup "
                                                "or a rebuilt PC"))
        self.recovery_button.setVisible(ctx.org.is_district)
        self.copy_button = make_button(self.tr("Read-only copy…"), "read_only_copy", self.make_read_only_copy)
        self.copy_button.setToolTip(self.tr("A copy of this database for a second PC of the street: it can view "
                                            "and print, not change or report"))
        self.copy_button.setVisible(not ctx.org.is_district and ctx.db.path is not None)
        card = make_button(self.tr("Save my key card…"), "card", self.save_card)
        trust = make_button(self.tr("Trust a key card…"), "trust", self.trust_card)
        backup = make_button(self.tr("Back up my keys…"), "key_backup", self.back_up_keys)
        buttons = QHBoxLayout()
        for b in (self.export_button, self.import_button, import_folder, self.recovery_button, self.copy_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.read_only_note = QLabel()
        self.read_only_note.setObjectName("read_only_note")
        self.read_only_note.setWordWrap(True)
        self.read_only_note.setVisible(False)
        if ctx.db.meta("read_only") == "1":  # a second PC's copy: it neither exports nor imports
            self.read_only_note.setText(
                self.tr("This is a read-only copy (made from {0} on {1}): it can view and print. Packages are "
                        "exported and imported on the street's reporting PC; for newer data, make a new copy there.")
                .format(ctx.db.meta("read_only_source") or "?", (ctx.db.meta("read_only_made_at") or "?")[:10]))
            self.read_only_note.setVisible(True)
            for b in (self.export_button, self.import_button, import_folder, self.recovery_button, self.copy_button,
                      trust):
                b.setEnabled(False)
        for b in (card, trust, backup):
            buttons.addWidget(b)

        self.peers = read_only_table([self.tr("Office"), self.tr("Trusted key"), self.tr("Last sent"),
                                      self.tr("Acknowledged"), self.tr("Last received"), self.tr("Received at"),
                                      self.tr("Their version")])
        self.peers.setObjectName("peers")
        self.ledger = read_only_table([self.tr("Recorded"), self.tr("Direction"), self.tr("From"), self.tr("To"),
                                       self.tr("No."), self.tr("Status"), self.tr("Rows"), self.tr("File"),
                                       self.tr("SHA-256")])
        self.ledger.setObjectName("ledger")
        self.conflicts = read_only_table([self.tr("Arrived"), self.tr("Kind"), self.tr("Table"), self.tr("From"),
                                          self.tr("Record")])
        self.conflicts.setObjectName("conflicts")
        self.conflicts.doubleClicked.connect(lambda _i: self.open_conflict())
        resolve = make_button(self.tr("Decide…"), "decide", self.open_conflict)
        resolve.setVisible(ctx.org.is_district)
        self.held_note = QLabel(self.tr("Changes of this street the district has not accepted yet: it decides, and "
                                        "its decision comes down with a later package."))
        self.held_note.setWordWrap(True)
        self.held_note.setVisible(not ctx.org.is_district)
        conflict_box = QWidget()
        conflict_layout = QVBoxLayout(conflict_box)
        conflict_layout.addWidget(self.held_note)
        conflict_layout.addWidget(self.conflicts, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(resolve)
        conflict_layout.addLayout(row)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.tabs.addTab(self.peers, self.tr("Peers"))
        reexport = make_button(self.tr("Write again…"), "reexport", self.reexport)
        reexport.setToolTip(self.tr("The stick was lost: write the chosen sent package again, byte for byte"))
        ledger_box = QWidget()
        ledger_layout = QVBoxLayout(ledger_box)
        ledger_layout.addWidget(self.ledger, 1)
        ledger_row = QHBoxLayout()
        ledger_row.addStretch(1)
        ledger_row.addWidget(reexport)
        ledger_layout.addLayout(ledger_row)
        self.tabs.addTab(ledger_box, self.tr("Ledger"))
        self.conflict_tab = self.tabs.addTab(conflict_box, self.tr("Conflicts"))
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.identity_label)
        layout.addWidget(self.read_only_note)
        layout.addLayout(buttons)
        layout.addWidget(self.tabs, 1)

    # -- the page protocol the main window uses -----------------------------------------------
    def page_title(self) -> str:
        return self.tr("Sync centre")

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.load_if_stale()

    def refresh_if_touched(self, changes: Changes) -> bool:
        self.mark_stale()  # every write may be in the next package; the counts are cheap
        return True

    # -- showing ----------------------------------------------------------------------------
    def refresh(self) -> None:
        from yanqun_desktop.services.keys import ensure_keys, list_trusted
        from yanqun_desktop.services.sync import list_conflicts, list_ledger, peer_status
        from yanqun_desktop.sync.keys import fingerprint_groups

        self._stale = False
        identity = ensure_keys(self.ctx.db)
        self.identity_label.setText(self.tr("This office: {0} · key fingerprint {1}")
                                    .format(self.ctx.org.name, fingerprint_groups(identity.fingerprint)))
        trusted = {k.org_code: k for k in list_trusted(self.ctx.db, include_replaced=False)}
        peers = {p.peer: p for p in peer_status(self.ctx.db)}
        rows = []
        names = org_names(self.ctx)
        for code in sorted(set(trusted) | set(peers)):
            key, peer = trusted.get(code), peers.get(code)
            rows.append([
                key.org_name if key else names.get(code, code),
                fingerprint_groups(key.fingerprint)[:19] + "…" if key else self.tr("not trusted"),
                peer.last_sent_seq if peer else "", peer.acked_seq if peer else "",
                peer.received_seq if peer else "", when(peer.last_received_at) if peer else "",
                (peer.app_version or "") if peer else "",
            ])
        fill_table(self.peers, rows)
        names = org_names(self.ctx)
        self.ledger_entries = list_ledger(self.ctx.db, limit=500)
        fill_table(self.ledger, [
            [when(e.recorded_at), self.tr("sent") if e.direction == "sent" else self.tr("received"),
             names.get(e.sender or "", e.sender), names.get(e.recipient or "", e.recipient), e.seq,
             STATUS_LABELS.get(e.status, e.status), ledger_rows(e.counts), e.file_name, e.sha256 or ""]
            for e in self.ledger_entries
        ])
        district = self.ctx.org.is_district
        # A street sees its own changes the district still holds (told by the district's last package).
        self.conflict_views = list_conflicts(self.ctx.db, status="open" if district else "at-district")
        fill_table(self.conflicts, [
            [when(c.created_at), CONFLICT_KINDS.get(c.kind, c.kind), c.table, names.get(c.sender, c.sender),
             record_label(c)]
            for c in self.conflict_views
        ])
        if district:
            self.tabs.setTabText(self.conflict_tab, self.tr("Conflicts ({0})").format(len(self.conflict_views)))
        else:
            self.tabs.setTabText(self.conflict_tab,
                                 self.tr("Held at the district ({0})").format(len(self.conflict_views)))

    # -- keys -------------------------------------------------------------------------------
    def save_card(self) -> Path | None:
        target, _ = QFileDialog.getSaveFileName(self, self.tr("Save my key card"),
                                                str(Path.home() / f"{self.ctx.org.name}-密钥卡.yqkey"),
                                                self.tr("Key card (*.yqkey)"))
        return self.write_card_to(Path(target)) if target else None

    def write_card_to(self, path: Path) -> Path | None:
        from yanqun_desktop.services.keys import write_card
        from yanqun_desktop.sync.keys import fingerprint_groups

        try:
            fingerprint = write_card(self.ctx.db, path)
        except (OSError, ValueError) as e:
            QMessageBox.warning(self, self.page_title(), error_text(e))
            return None
        QMessageBox.information(self, self.page_title(), self.tr(
            "Key card saved to {0}.\nRead this fingerprint to the other office over the phone:\n{1}")
            .format(path, fingerprint_groups(fingerprint)))
        return path

    def trust_card(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Trust a key card"), str(Path.home()),
                                              self.tr("Key card (*.yqkey)"))
        if path:
            self.trust_card_file(Path(path))

    def trust_card_file(self, path: Path, *, confirm: bool = True) -> bool:
        """Show the card's office and fingerprint, to compare with what the other office reads
        out over the phone, before trusting it."""
        from yanqun_desktop.services.keys import enrol_card, list_trusted
        from yanqun_desktop.sync.keycard import KeyCardError, read_card
        from yanqun_desktop.sync.keys import fingerprint_groups

        try:
            card = read_card(path)
        except (KeyCardError, OSError) as e:
            QMessageBox.warning(self, self.page_title(), error_text(e))
            return False
        question = self.tr("Key card of {0}\nfingerprint {1}\n\nDoes it match what {0} read to you over the phone?")
        if confirm and QMessageBox.question(
            self, self.tr("Trust a key card"), question.format(card.org_name, fingerprint_groups(card.fingerprint))
        ) != QMessageBox.StandardButton.Yes:
            return False
        replace = any(k.org_code == card.org_code for k in list_trusted(self.ctx.db, include_replaced=False))
        if replace and confirm and QMessageBox.question(
            self, self.tr("Trust a key card"),
            self.tr("A key card of {0} is already trusted. Replace it with this one? Do so only when {0} has a "
                    "rebuilt PC with new keys; packages signed with the old card will then be refused.")
            .format(card.org_name)
        ) != QMessageBox.StandardButton.Yes:
            return False
        try:
            enrol_card(self.ctx.db, self.ctx.actor(), path, replace=replace)
        except Exception as e:  # the service refuses in Chinese (wrong office, replaced card …)
            if not is_refusal(e):
                raise
            QMessageBox.warning(self, self.page_title(), error_text(e))
            return False
        self.refresh()
        return True

    def back_up_keys(self) -> Path | None:
        """The private keys, encrypted with a passphrase, for a rebuilt PC (kept apart from it)."""
        target, _ = QFileDialog.getSaveFileName(self, self.tr("Back up my keys"),
                                                str(Path.home() / f"{self.ctx.org.name}-密钥备份.yqkeybak"),
                                                self.tr("Key backup (*.yqkeybak)"))
        if not target:
            return None
        first, ok = QInputDialog.getText(self, self.tr("Back up my keys"), self.tr("Passphrase for the backup:"),
                                         QLineEdit.EchoMode.Password)
        if not ok:
            return None
        again, ok = QInputDialog.getText(self, self.tr("Back up my keys"), self.tr("The same passphrase again:"),
                                         QLineEdit.EchoMode.Password)
        if not ok:
            return None
        if first != again:
            QMessageBox.warning(self, self.page_title(), self.tr("The two passphrases differ; nothing was written."))
            return None
        return self.write_key_backup(Path(target), first)

    def write_key_backup(self, path: Path, passphrase: str) -> Path | None:
        from yanqun_desktop.sync.keys import IdentityError, export_key_backup, load_identity

        try:
            written = export_key_backup(load_identity(self.ctx.db), path, passphrase)
        except (IdentityError, OSError, ValueError) as e:
            QMessageBox.warning(self, self.page_title(), error_text(e))
            return None
        QMessageBox.information(self, self.page_title(), self.tr(
            "Key backup written to {0}. Keep it, and its passphrase, away from this PC.").format(written))
        return written

    # -- packages out ----------------------------------------------------------------------------
    def export_package(self) -> Task | None:
        if self.task is not None:
            return None
        start = next(iter(removable_drives()), Path.home())
        folder = QFileDialog.getExistingDirectory(self, self.tr("Where to write the package (a USB stick?)"),
                                                  str(start))
        if not folder:
            return None
        to: str | None = None
        if self.ctx.org.is_district:
            to = self._choose_street()
            if to is None:
                return None
        return self.export_to(Path(folder), to)

    def _choose_street(self) -> str | None:
        """The district writes one street's package, or every street's."""
        from yanqun_desktop.services.programmes import street_choices

        names = [self.tr("All streets")] + [name for _id, name in street_choices(self.ctx.db)]
        name, ok = QInputDialog.getItem(self, self.tr("Export package"), self.tr("For which street?"), names, 0, False)
        if not ok:
            return None
        return "*" if name == names[0] else name

    def export_to(self, folder: Path, to: str | None = None) -> Task:
        """Write the package(s) into ``folder`` in the background (``to``: a street, or "*")."""
        from yanqun_desktop.services.sync import export_all_streets, export_package

        actor = self.ctx.actor()

        def work(progress: Progress) -> list[Any]:
            progress(self.tr("Writing the package…"), 0.2)
            if to == "*":
                return export_all_streets(self.ctx.db, actor, folder)
            return [export_package(self.ctx.db, actor, folder, to=to)]

        self.task = run_task(self, self.tr("Export package"), work, self._exported, self._failed)
        return self.task

    def export_recovery(self) -> Task | None:
        """District: a street's recovery package (after its restore from backup or a rebuilt PC)."""
        from yanqun_desktop.services.programmes import street_choices

        names = [name for _id, name in street_choices(self.ctx.db)]
        street, ok = QInputDialog.getItem(self, self.tr("Recovery package"), self.tr("For which street?"),
                                          names, 0, False)
        if not ok:
            return None
        folder = QFileDialog.getExistingDirectory(self, self.tr("Where to write the package (a USB stick?)"),
                                                  str(next(iter(removable_drives()), Path.home())))
        return self.export_recovery_to(Path(folder), street) if folder else None

    def export_recovery_to(self, folder: Path, street: str) -> Task:
        from yanqun_desktop.services.sync_recovery import export_recovery_package

        actor = self.ctx.actor()

        def work(progress: Progress) -> list[Any]:
            progress(self.tr("Writing the package…"), 0.2)
            return [export_recovery_package(self.ctx.db, actor, folder, to=street)]

        self.task = run_task(self, self.tr("Recovery package"), work, self._exported, self._failed)
        return self.task

    def reexport(self) -> Path | None:
        """Write a sent package again (same bytes, same package id: imported once at most)."""
        rows = self.ledger.selectionModel().selectedRows()
        entry = self.ledger_entries[rows[0].row()] if rows else None
        if entry is None or entry.direction != "sent" or entry.seq is None:
            QMessageBox.information(self, self.page_title(), self.tr("Choose a package this office sent."))
            return None
        folder = QFileDialog.getExistingDirectory(self, self.tr("Where to write the package (a USB stick?)"),
                                                  str(next(iter(removable_drives()), Path.home())))
        return self.reexport_to(entry, Path(folder)) if folder else None

    def reexport_to(self, entry: Any, folder: Path) -> Path | None:
        from yanqun_desktop.services.sync_recovery import reexport_package

        try:
            result = reexport_package(self.ctx.db, self.ctx.actor(), entry.seq, folder, to=entry.recipient)
        except Exception as e:  # refusals (acknowledged already, no copy kept …) are explained in Chinese
            if not is_refusal(e):
                raise
            QMessageBox.warning(self, self.page_title(), error_text(e))
            return None
        self.refresh()
        QMessageBox.information(self, self.page_title(), self.tr("Written again: {0}").format(result.path))
        return result.path

    def _exported(self, results: list[Any]) -> None:
        self.task = None
        self.refresh()
        if not results:
            return
        lines = [self.tr("{0}: {1} rows, package No. {2}").format(r.path.name, r.rows, r.seq) for r in results]
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Export package"),
                          self.tr("Written:\n{0}\n\nAttach it to an e-mail or carry it on the stick.")
                          .format("\n".join(lines)), parent=self)
        box.setObjectName("exported")
        open_folder = box.addButton(self.tr("Open folder"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Ok)
        box.finished.connect(box.deleteLater)
        folder = results[0].path.parent
        box.buttonClicked.connect(
            lambda b: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))) if b is open_folder else None
        )
        box.open()

    # -- a read-only copy for a second PC ------------------------------------------------------
    def make_read_only_copy(self) -> Task | None:
        if self.task is not None or self.ctx.db.path is None:
            return None
        start = next(iter(removable_drives()), Path.home())
        name = self.tr("{0}-read-only-copy-{1}.sqlite").format(self.ctx.org.name, dt.date.today().isoformat())
        target, _ = QFileDialog.getSaveFileName(self, self.tr("Save the read-only copy"), str(start / name),
                                                self.tr("Database (*.sqlite)"))
        return self.write_read_only_copy(Path(target)) if target else None

    def write_read_only_copy(self, target: Path) -> Task:
        """Copy the live database (SQLite's online backup: consistent while the app runs) in the
        background; the copy is marked read-only and gets its own install id."""
        from yanqun_desktop.services.readonly import make_read_only_copy

        source = self.ctx.db.path
        assert source is not None

        def work(progress: Progress) -> Path:
            progress(self.tr("Copying the database…"), 0.2)
            return make_read_only_copy(source, target)

        def done(path: Path) -> None:
            self.task = None
            QMessageBox.information(
                self, self.tr("Read-only copy"),
                self.tr("Written: {0}\n\nOn the second PC: install Yanqun, then File → Settings → Database at next "
                        "start: choose this file. That PC can view and print; it cannot change data or exchange "
                        "packages.").format(path))

        self.task = run_task(self, self.tr("Read-only copy"), work, done, self._failed)
        return self.task

    def _failed(self, error: Exception) -> None:
        self.task = None
        QMessageBox.warning(self, self.page_title(), error_text(error))

    # -- packages in --------------------------------------------------------------------------
    def import_packages(self) -> Any:
        from yanqun_desktop.ui.dialogs.package_import_dialog import PackageImportDialog

        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Import packages"), str(Path.home()),
                                                self.tr("Packages (*.yqpkg)"))
        if not paths:
            return None
        return self.open_import([Path(p) for p in paths], PackageImportDialog)

    def import_folder(self) -> Any:
        """Eight sticks copied into one folder on Monday: every package in it."""
        folder = QFileDialog.getExistingDirectory(self, self.tr("Import every package in a folder"), str(Path.home()))
        if not folder:
            return None
        paths = sorted(Path(folder).glob("*.yqpkg"))
        if not paths:
            QMessageBox.information(self, self.page_title(), self.tr("No packages (*.yqpkg) in {0}.").format(folder))
            return None
        return self.open_import(paths)

    def open_import(self, paths: list[Path], dialog_class: Any = None) -> Any:
        if dialog_class is None:
            from yanqun_desktop.ui.dialogs.package_import_dialog import PackageImportDialog as dialog_class
        dialog = dialog_class(self.ctx, paths, self)
        dialog.changed.connect(self._imported)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _imported(self, changes: Changes) -> None:
        self.refresh()
        self.changed.emit(changes)

    # -- conflicts -----------------------------------------------------------------------------
    def open_conflict(self) -> Any:
        from yanqun_desktop.ui.dialogs.conflict_dialog import ConflictDialog

        rows = self.conflicts.selectionModel().selectedRows()
        if not rows or not self.ctx.org.is_district:
            return None
        dialog = ConflictDialog(self.ctx, self.conflict_views[rows[0].row()], self)
        dialog.changed.connect(self._imported)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog
