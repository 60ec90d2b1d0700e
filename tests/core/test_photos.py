from __future__ import annotations

import pytest

from yanqun_desktop.db.database import Database
from yanqun_desktop.domain.validation import ValidationError
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.people import save_person
from yanqun_desktop.services.photos import get_photo, remove_photo, set_photo

pytestmark = pytest.mark.postgres

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_photo_round_trip_and_replacement(street_db: Database, clerk: Actor) -> None:
    pid = save_person(street_db, clerk, {"name": "何明"}).id
    set_photo(street_db, clerk, pid, PNG)
    assert get_photo(street_db, pid) == (PNG, "image/png")
    jpeg = b"\xff\xd8\xff\xe0" + b"\x01" * 32
    set_photo(street_db, clerk, pid, jpeg)
    assert get_photo(street_db, pid) == (jpeg, "image/jpeg")
    remove_photo(street_db, clerk, pid)
    assert get_photo(street_db, pid) is None


def test_photo_must_be_an_image(street_db: Database, clerk: Actor) -> None:
    pid = save_person(street_db, clerk, {"name": "何明"}).id
    with pytest.raises(ValidationError, match="JPG 或 PNG"):
        set_photo(street_db, clerk, pid, b"%PDF-1.7 not a photo")
    assert get_photo(street_db, pid) is None
