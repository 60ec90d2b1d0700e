"""Field helpers shared by several forms: the community combo and combos of records by id."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox

from yanqun_desktop.services.activities import community_choices
from yanqun_desktop.ui.widgets.form import Check, FormDialog


def add_community(form: FormDialog, key: str = "community") -> QComboBox:
    """An editable combo of the install's communities. A name typed that is not in the list is
    sent as a name: the service then adds it for the street, flagged 待核实 (never mapped to
    another community)."""
    choices = community_choices(form.ctx.db)
    label = QCoreApplication.translate("Fields", "Community")
    combo = form.add_combo(key, label, ["社区"], [name for _id, name in choices])
    for index, (community_id, _label) in enumerate(choices, start=1):  # item 0 is the blank one
        combo.setItemData(index, community_id)
    return combo


UNVERIFIED = "（待核实）"  # community_choices marks communities the district has not confirmed yet


def community_raw(combo: QComboBox, *, by_name: bool = False) -> dict[str, str]:
    """``community_id`` when a listed community is chosen, else the typed ``community`` name.
    ``by_name`` always sends the name, for the service to resolve within the record's street
    (the district's list holds every street's communities, so an id could name another street's)."""
    text = combo.currentText().strip()
    index = combo.findText(text)
    if index > 0 and combo.itemData(index) and not by_name:
        return {"community_id": str(combo.itemData(index))}
    return {"community": text.removesuffix(UNVERIFIED)}


def set_community(combo: QComboBox, values: dict[str, Any]) -> None:
    """Show a record's community: the listed item of its id, else its name as typed text."""
    index = combo.findData(values.get("community_id")) if values.get("community_id") else -1
    if index > 0:
        combo.setCurrentIndex(index)
    else:
        combo.setCurrentText(str(values.get("community") or ""))


def id_combo(items: Sequence[tuple[str, str]], *, blank: bool = False) -> QComboBox:
    """A non-editable combo showing names and holding ids (cohorts, topics)."""
    combo = QComboBox()
    if blank:
        combo.addItem("", "")
    for record_id, label in items:
        combo.addItem(label, record_id)
    return combo


def reload_id_combo(combo: QComboBox, items: Sequence[tuple[str, str]], select: str | None = None) -> None:
    keep = select or combo.currentData()
    blank = combo.count() > 0 and combo.itemData(0) == ""
    combo.clear()
    if blank:
        combo.addItem("", "")
    for record_id, label in items:
        combo.addItem(label, record_id)
    index = combo.findData(keep)
    combo.setCurrentIndex(max(index, 0))


def number_check(form: FormDialog, label: str, low: float, high: float, *, required: bool = False) -> Check:
    """A number within [low, high] (``label`` is the service's Chinese field label)."""

    def check(text: str) -> str | None:
        if not text.strip():
            return form.required_text() if required else None
        try:
            value = float(text)
        except ValueError:
            return QCoreApplication.translate("Fields", "{0} must be a number").format(label)
        if not low <= value <= high:
            return QCoreApplication.translate("Fields", "{0} must be between {1} and {2}").format(
                label, f"{low:g}", f"{high:g}")
        return None

    return check
