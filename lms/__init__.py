"""Organisations, people and roles, credits, courses, progress and reports."""
