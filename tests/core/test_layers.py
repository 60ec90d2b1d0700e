"""The core stays free of Qt (ARCHITECTURE.md): importing every non-UI module never loads PySide6."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import yanqun_desktop


def test_core_modules_do_not_load_qt() -> None:
    modules = [
        m.name
        for m in pkgutil.walk_packages(yanqun_desktop.__path__, "yanqun_desktop.")
        if ".ui" not in m.name and ".migrations" not in m.name and not m.name.endswith("__main__")
    ]
    assert "yanqun_desktop.services.people" in modules and "yanqun_desktop.cli" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_main_window_loads_without_the_document_libraries() -> None:
    """Start-up shows the window before reportlab, openpyxl and calamine load (they load when a
    clerk first prints, imports or exports)."""
    code = (
        "import os, sys\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "import yanqun_desktop.ui.app, yanqun_desktop.ui.main_window, yanqun_desktop.ui.data_menu\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'reportlab', 'openpyxl', 'python_calamine'}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
