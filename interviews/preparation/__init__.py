"""Phase 3 — preparation registers, survey, documents, team."""
