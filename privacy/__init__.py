"""The privacy notice, consents and the registry of personal data."""
