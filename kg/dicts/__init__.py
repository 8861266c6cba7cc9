"""Readers for PETRARCH2-style coding dictionaries."""
