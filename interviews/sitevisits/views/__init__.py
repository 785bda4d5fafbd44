"""Pages of phase 4 on site: ``checklists`` (working and living areas) and ``reviews`` (document review)."""
