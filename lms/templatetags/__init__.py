"""Template tags of the training service."""
