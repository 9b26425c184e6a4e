"""The landing page, the site shell's views and account pages."""
