"""Pages of phase 2: the map, the workforce, the risks, the objectives and selection."""
