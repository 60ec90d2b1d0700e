"""One running app per user and database: a second start hands its files over and exits.

A double-click on a ``.yqpkg`` runs ``yanqun FILE.yqpkg`` (the installer registers
``yanqun.exe "%1"``). When the app already runs for this Windows account on the same database,
the new process sends the file's absolute path over a local socket (a named pipe on Windows, a
socket file on Linux) and exits 0; the running app raises its window and opens the package-import
screen (behind the lock first, when the idle lock is up). A bare second start just raises the
running window.

The server name is per user and per database, so the demo database and the real one, or two
Windows accounts on one PC, never answer for each other. This module loads QtCore and QtNetwork
only, so a second start hands over before the rest of the app is imported."""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import sys
from pathlib import Path

import shiboken6
from PySide6.QtCore import QDir, QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

CONNECT_MS = 500
REPLY_MS = 3000
MAX_MESSAGE = 64 * 1024  # a few hundred paths at most; anything longer is not ours
PACKAGE_SUFFIX = ".yqpkg"
LOCK_WAIT_MS = 5000
LOCK_STALE_MS = 10_000


def is_package_argument(arg: str) -> bool:
    """A bare command-line argument naming a sync package (what a double-click passes)."""
    return not arg.startswith("-") and arg.lower().endswith(PACKAGE_SUFFIX)


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment (a service account): the home folder
        return str(Path.home())


def server_name(db_location: str | os.PathLike[str]) -> str:
    """``yanqun-<hash of user and database>``: stable for the same user and database file."""
    location = str(db_location)
    if "://" not in location:  # a file path: the same file however it was spelled
        location = str(Path(location).expanduser().resolve())
        if sys.platform == "win32":
            location = location.casefold()
    digest = hashlib.sha256(f"{_user()}\0{location}".encode()).hexdigest()[:24]
    return f"yanqun-{digest}"


def startup_lock(name: str) -> QLockFile:
    """Held from the hand-over attempt until this app listens: several packages opened at once
    start several processes, and exactly one of them must become the running app."""
    lock = QLockFile(str(Path(QDir.tempPath()) / f"{name}.lock"))
    lock.setStaleLockTime(LOCK_STALE_MS)
    lock.tryLock(LOCK_WAIT_MS)  # not got in time (a hung start): go on without it
    return lock


def absolute_paths(paths: list[str] | list[Path]) -> list[str]:
    """The receiving app runs in another working folder: send absolute paths."""
    return [str(Path(p).expanduser().absolute()) for p in paths]


def hand_over(name: str, paths: list[str] | list[Path]) -> bool:
    """Give ``paths`` to the app already running under ``name``; False when none answers.

    Connected but no reply in time (the running app is busy in a long step) counts as handed
    over: it reads the message once its event loop turns, and a second app on the same database
    would be worse."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_MS):
        return False
    socket.write(json.dumps({"open": absolute_paths(paths)}, ensure_ascii=False).encode() + b"\n")
    socket.flush()
    socket.waitForBytesWritten(REPLY_MS)
    socket.waitForReadyRead(REPLY_MS)
    socket.disconnectFromServer()
    return True


def _answers(name: str) -> bool:
    probe = QLocalSocket()
    probe.connectToServer(name)
    alive = probe.waitForConnected(CONNECT_MS)
    probe.abort()
    return alive


class InstanceServer(QObject):
    """Listens for later starts; ``received`` carries their paths (empty: just show yourself)."""

    received = Signal(list)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Start listening, unless an app already answers under this name (listening would
        displace it: Qt replaces the socket file on Linux, Windows opens a second pipe). A
        socket file left by a crashed app (Linux) is removed first."""
        if _answers(self.name):
            return False
        if self.server.listen(self.name):
            return True
        if self.server.serverError() == QLocalSocket.LocalSocketError.AddressInUseError:
            QLocalServer.removeServer(self.name)
            return self.server.listen(self.name)
        return False

    def close(self) -> None:
        self.server.close()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._drop(s))

    def _read(self, socket: QLocalSocket) -> None:
        data = self._buffers.get(socket, b"") + bytes(socket.readAll().data())
        if b"\n" not in data:
            if len(data) > MAX_MESSAGE:
                self._drop(socket)
                socket.abort()
            else:
                self._buffers[socket] = data
            return
        line = data.split(b"\n", 1)[0]
        self._buffers[socket] = b""
        try:
            message = json.loads(line.decode())
            paths = [str(p) for p in message.get("open", []) if isinstance(p, str)]
        except (ValueError, AttributeError):
            socket.abort()
            return
        socket.write(b"ok\n")
        socket.flush()
        self.received.emit(paths)

    def _drop(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        if shiboken6.isValid(socket):  # not when the server (its parent) is going away
            socket.deleteLater()
