"""Views of the training service, one module per area."""
