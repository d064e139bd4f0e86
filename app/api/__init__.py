"""The only code that speaks HTTP: the Interviews API client."""
