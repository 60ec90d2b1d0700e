"""雁群 (yanqun): training records for community Party secretaries."""

__version__ = "0.1.0"
