"""Key card fuzz cases (``.yqkey``) through the real trust use case (``services.keys.trust_card``):
cards truncated, bit-flipped, of every wrong JSON type in every field, huge or deeply nested,
and cards correctly self-signed around hostile values (so the checks after the signature are
reached). Every case ends in a trusted key or a ``ServiceError`` naming the file; a refused card
leaves the database byte for byte unchanged."""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from fuzzkit import Tally, marking, patched
from hypothesis import strategies as st
from pkgcases import fragments
from pkgworld import _env
from sync_helpers import actor_for, checksum, open_street

from yanqun_desktop.db.database import Database
from yanqun_desktop.services import keys as keys_service
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.sync import keycard
from yanqun_desktop.sync.keycard import FIELDS, card_for
from yanqun_desktop.sync.keys import LocalIdentity

STAGES = ("read", "parsed", "checked", "trusted")
OFFICES = (("shahe", "沙河街道"), ("nantou", "南头街道"), ("zhaoshang", "招商街道"), ("nanshan-district", "南山区"),
           ("xili", "西丽街道"), ("atlantis", "亚特兰蒂斯"))
Fields = dict[str, str]  # field → JSON fragment
Case = tuple[str, Callable[["CardWorld", Path], Path]]


@dataclass
class CardWorld:
    root: Path
    district: Database
    counter: int = 0

    def path(self, label: str) -> Path:
        self.counter += 1
        safe = "".join(c if c.isalnum() else "-" for c in label)[:40]
        folder = self.root / "in"
        folder.mkdir(exist_ok=True)
        return folder / f"card{self.counter:06d}-{safe}.yqkey"


def make_card_world(root: Path) -> CardWorld:
    root.mkdir(parents=True, exist_ok=True)
    with _env(YANQUN_DATA_DIR=str(root / "data"), YANQUN_CONFIG_DIR=str(root / "config")):
        district = open_street(root, "南山区")
    return CardWorld(root, district)


def identity(org: str = "shahe", name: str = "沙河街道", box: X25519PrivateKey | None = None) -> LocalIdentity:
    return LocalIdentity(org, name, str(uuid.uuid4()), "2026-01-01T00:00:00+00:00", Ed25519PrivateKey.generate(),
                         box or X25519PrivateKey.generate())


def _fields(ident: LocalIdentity) -> tuple[Fields, Ed25519PrivateKey]:
    card = card_for(ident)
    doc = dict(card.fields(), signature=base64.b64encode(card.signature).decode())
    return {k: json.dumps(v, ensure_ascii=False) for k, v in doc.items()}, ident.sign_key


def render(fields: Fields, sign_key: Ed25519PrivateKey | None = None) -> bytes:
    """The card's JSON from fragments; with ``sign_key``, signed anew over the values as given
    (fields that are not JSON are left unsigned)."""
    if sign_key is not None:
        try:
            values = {k: json.loads(fields[k]) for k in FIELDS if k in fields}
            signature = sign_key.sign(keycard._signed_message(values))
            fields = dict(fields, signature=json.dumps(base64.b64encode(signature).decode()))
        except (ValueError, TypeError, RecursionError, UnicodeEncodeError):
            pass
    body = ",".join(f"{json.dumps(k, ensure_ascii=False)}:{v}" for k, v in fields.items())
    return ("{" + body + "}").encode("utf-8", "surrogatepass")


def signed(change: Callable[[Fields], Any], *, org: str = "shahe", name: str = "沙河街道",
           resign: bool = True) -> Callable[[CardWorld, Path], Path]:
    def build(world: CardWorld, path: Path) -> Path:
        fields, key = _fields(identity(org, name))
        change(fields)
        path.write_bytes(render(fields, key if resign else None))
        return path

    return build


def raw(data: bytes | Callable[[bytes], bytes]) -> Callable[[CardWorld, Path], Path]:
    def build(world: CardWorld, path: Path) -> Path:
        if callable(data):
            fields, key = _fields(identity())
            path.write_bytes(data(render(fields, key)))
        else:
            path.write_bytes(data)
        return path

    return build


def setting(field: str, fragment: str | None) -> Callable[[Fields], None]:
    def change(fields: Fields) -> None:
        if fragment is None:
            fields.pop(field, None)
        else:
            fields[field] = fragment

    return change


def _low_order_box(world: CardWorld, path: Path) -> Path:
    """A card whose encryption key is the all-zero point: nothing encrypted to it is secret."""
    fields, key = _fields(identity())
    fields["box_public"] = json.dumps(base64.b64encode(bytes(32)).decode())
    path.write_bytes(render(fields, key))
    return path


def _own_card(world: CardWorld, path: Path) -> Path:
    keys_service.write_card(world.district, path)
    return path


def hand_made() -> list[Case]:
    cases: list[Case] = [
        ("valid street card", signed(lambda f: None)),
        ("a second card for the same street", signed(lambda f: None)),
        ("our own card", _own_card),
        ("the district's card at the district", signed(lambda f: None, org="nanshan-district", name="南山区")),
        ("unknown street code", signed(lambda f: None, org="atlantis", name="亚特兰蒂斯")),
        ("name does not match the code", signed(lambda f: None, name="招商街道")),
        ("low-order encryption key", _low_order_box),
        ("empty file", raw(b"")),
        ("not json", raw(b"hello")),
        ("not utf-8", raw(b"\xff\xfe{}")),
        ("BOM", raw(lambda b: b"\xef\xbb\xbf" + b)),
        ("a list", raw(b"[]")),
        ("nested 16,000", raw(b"[" * 16_000)),
        ("17 KB", raw(lambda b: b[:-1] + b',"pad":"' + b"x" * 17_000 + b'"}')),
        ("trailing junk", raw(lambda b: b + b"junk")),
        ("two objects", raw(lambda b: b + b)),
        ("signature of another card", signed(lambda f: f.update(signature=_fields(identity())[0]["signature"]),
                                             resign=False)),
        ("name changed after signing", signed(setting("org_name", '"南头街道"'), resign=False)),
        ("box key swapped after signing", signed(lambda f: f.update(box_public=_fields(identity())[0]["box_public"]),
                                                 resign=False)),
        ("created_at with a lone surrogate", signed(setting("created_at", '"2026-01-01T00:00:00+00:00' + "x" * 30
                                                            + '\\ud800"'))),
        ("created_at 10 KB", signed(setting("created_at", '"2026-01-01T00:00:00' + " " * 10_000 + '"'))),
        ("org_name with a lone surrogate", signed(setting("org_name", '"沙河\\udc00"'))),
        ("org_name with a newline", signed(setting("org_name", '"沙河\\n街道"'))),
        ("org_code with a newline", signed(setting("org_code", '"shahe\\n"'))),
        ("install_id with a newline", signed(setting("install_id", json.dumps(str(uuid.uuid4()) + "\n")))),
        ("keys with whitespace", signed(lambda f: f.update(
            sign_public=f["sign_public"][:5] + " " + f["sign_public"][5:]))),
        ("version true", signed(setting("version", "true"))),
        ("version 1.0", signed(setting("version", "1.0"))),
        ("version 2", signed(setting("version", "2"))),
        ("format other", signed(setting("format", '"yanqun-backup"'))),
    ]
    wrong = ("5", "true", "null", "[]", "{}", '"x"', '""', "1.5", '"' + "长" * 3000 + '"', "NaN", "1e400")
    for field in (*FIELDS, "signature"):
        if field == "format":
            continue
        for value in wrong:
            for resign in (True, False) if field != "signature" else (False,):  # re-signing sets it
                cases.append((f"{field}={value[:10]} ({'re-signed' if resign else 'unsigned'})",
                              signed(setting(field, value), resign=resign)))
        cases.append((f"{field} missing", signed(setting(field, None), resign=field != "signature")))
    for cut in (1, 10, 100, 200, 300, 400, -2, -1):
        cases.append((f"cut at {cut}", raw(lambda b, c=cut: b[:c])))
    return cases


def card_cases() -> st.SearchStrategy[Case]:
    @st.composite
    def build(draw: st.DrawFn) -> Case:
        kind = draw(st.sampled_from(("values", "values", "office", "bytes")), label="kind")
        if kind == "office":  # a well-formed, self-signed card of some office, its name right or not
            code, name = draw(st.sampled_from(OFFICES), label="office")
            other = draw(st.sampled_from(OFFICES), label="name")[1] if draw(st.booleans()) else name
            return f"office {code} named {other}", signed(lambda f: None, org=code, name=other)
        if kind == "values":
            changes = draw(st.lists(st.tuples(st.sampled_from((*FIELDS, "signature", "extra")), fragments),
                                    min_size=1, max_size=3), label="changes")
            resign = draw(st.booleans(), label="resign")

            def change(fields: Fields) -> None:
                for field, fragment in changes:
                    fields[field] = fragment

            label = ", ".join(f"{k}={v[:12]}" for k, v in changes) + (" (re-signed)" if resign else "")
            return label, signed(change, resign=resign)
        flips = draw(st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(1, 255)), max_size=3))
        cut = draw(st.none() | st.floats(0, 1), label="cut")

        def damage(data: bytes) -> bytes:
            buf = bytearray(data)
            for where, xor in flips:
                buf[int(where * len(buf))] ^= xor
            return bytes(buf[: int(cut * len(buf))] if cut is not None else buf)

        return f"bytes {[(round(w, 3), x) for w, x in flips]} cut={cut}", raw(damage)

    return build()


@contextmanager
def counting_stages(tally: Tally) -> Iterator[None]:
    with ExitStack() as stack:
        for module, name, stage, after in (
            (keys_service, "read_card", "read", False),
            (keycard, "parse_card", "parsed", True),
            (keys_service, "_expected_name", "checked", True),
            (keys_service, "enrol_card", "trusted", True),
        ):
            stack.enter_context(patched(module, name, marking(tally, stage, after=after)))
        yield


def forget_cards(db: Database) -> None:
    """Trust nobody again (test set-up, not a use case): each case meets an office without a card."""
    from sqlalchemy import delete

    from yanqun_desktop.db.models.sync import TrustedKey

    with db.session() as s, s.begin():
        s.execute(delete(TrustedKey))


def run_card(tally: Tally, world: CardWorld, label: str, build: Callable[[CardWorld, Path], Path]) -> None:
    if label != "a second card for the same street":  # that one meets the card trusted just before
        forget_cards(world.district)
    path = build(world, world.path(label))
    before = checksum(world.district)
    with tally.case(label):
        try:
            keys_service.trust_card(world.district, actor_for(world.district), path)
            tally.outcome("trusted", label)
        except ServiceError as e:
            tally.outcome("refused", label)
            if not str(e).startswith(f"{path.name}："):
                tally.bad_messages.append(f"{label}: {str(e)[:200]}")
            if checksum(world.district) != before:
                tally.db_changes.append(label)
    path.unlink(missing_ok=True)


def run_generated(world: CardWorld, tally: Tally, examples: int, seed: int | None) -> None:
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as with_seed

    @settings(max_examples=examples, deadline=None, database=None, derandomize=seed is None,
              phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=card_cases())
    def go(case: Case) -> None:
        run_card(tally, world, *case)

    (with_seed(seed)(go) if seed is not None else go)()


def run_all(world: CardWorld, tally: Tally, *, generated: int, seed: int | None = None) -> None:
    with counting_stages(tally):
        for label, build in hand_made():
            run_card(tally, world, label, build)
        if generated:
            run_generated(world, tally, generated, seed)
