"""Demo data: invented people and records for training, screenshots and load tests.

``generate_demo(db, actor_name=..., org_code=...)`` fills an empty (or demo) database with a
realistic street, or with the whole district, in one transaction; see ``generator.py``.
Never used on a database holding real records: it refuses with ``DemoRefusedError``.
"""

from yanqun_desktop.services.demo.generator import (
    DEFAULT_ATTENDANCE_PER_PERSON,
    DEFAULT_SCALE,
    DemoRefusedError,
    DemoSummary,
    generate_demo,
)

__all__ = [
    "DEFAULT_ATTENDANCE_PER_PERSON",
    "DEFAULT_SCALE",
    "DemoRefusedError",
    "DemoSummary",
    "generate_demo",
]
