"""Writes of phase 4 on site: ``observations`` (site checklists) and ``reviews`` (document review)."""
