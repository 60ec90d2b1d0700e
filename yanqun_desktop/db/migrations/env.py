"""Alembic environment: always run by ``yanqun_desktop.db.migrate`` with a connection."""

from __future__ import annotations

from alembic import context

from yanqun_desktop.db.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # `alembic` command line (developers): build an engine from the URL
    from yanqun_desktop.db.engine import make_engine

    engine = make_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///dev.sqlite")
    connection = engine.connect()

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things: batch mode rebuilds tables
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
