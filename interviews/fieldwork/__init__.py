"""Phase 4 in the field: records made on a tablet, synced once and only once."""
