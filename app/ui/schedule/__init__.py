"""The scheduling form's pieces: what the recruiter typed, and how it becomes a request."""
