"""Errors services raise for the clerk to read (Chinese messages, no personal numbers)."""

from __future__ import annotations


class ServiceError(Exception):
    """A refusal: the operation did not happen and nothing was written."""


class NotFound(ServiceError):
    pass


class Ambiguous(ServiceError):
    def __init__(self, message: str, candidates: list[str]) -> None:
        super().__init__(message)
        self.candidates = candidates
