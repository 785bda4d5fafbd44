"""Phase 4 on site: the working- and living-area checklists per site, and the document review."""
