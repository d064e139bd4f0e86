"""What the screens ask of the application beyond reading the cache, in the recruiter's words:
scheduling (sending never twice, and what it costs), interviews (delete, re-read), calls (a
phone interview's call attempts), the analysis PDF, the request budget, sharing verdicts.
Screens call these rather than the API client."""
