"""Settings for Credence: ``base`` plus one module per environment."""
