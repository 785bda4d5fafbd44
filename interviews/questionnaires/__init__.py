"""Phase 3 — the three interview instruments, versioned."""
