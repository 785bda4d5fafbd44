"""Phase 2 — the labour migration supply-chain map."""
