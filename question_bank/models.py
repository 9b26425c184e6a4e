"""Models of the question bank."""
