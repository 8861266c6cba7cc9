"""Extraction stages: each a small function over the records of :mod:`kg.types`."""
