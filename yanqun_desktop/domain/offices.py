"""The offices' codes that code outside the database layer needs (no SQLAlchemy here: the
start-up's window and the permission checks import this before the models are loaded)."""

DISTRICT_CODE = "nanshan-district"
