"""Learning the notice: quiz scenarios at its boundaries, the slips trainees make, marking."""
