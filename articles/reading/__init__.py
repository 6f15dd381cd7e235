"""What readers see: search, the marked body, entity panels, periods and the timeline."""
