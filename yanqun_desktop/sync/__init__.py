"""Sync packages between the streets and the district (shared/SYNC.md). No Qt here."""
