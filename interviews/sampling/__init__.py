"""Phase 3 — the worker interview sample and the assessment plan."""
