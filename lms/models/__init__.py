"""Models of the training service, one module per area."""

from .people import User

__all__ = ["User"]
