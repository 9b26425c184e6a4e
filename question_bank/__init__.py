"""Questions, their categories and assessment blueprints."""
