"""Phase 1 — scoping."""
