"""Pages of phase 3 (preparation), one module per register."""
