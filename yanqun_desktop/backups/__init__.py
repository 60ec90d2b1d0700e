"""Encrypted database backups: the file format (format.py); the operations are in services/backups.py."""
