"""The Qt (PySide6) GUI. Only this package imports Qt; the CLI imports ``ui.app`` lazily."""
