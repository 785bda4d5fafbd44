"""Writes of the preparation registers: every change goes through one of these audited services."""
