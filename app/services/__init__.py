"""What the screens ask of the application beyond reading the cache: sending, and what sending
costs. Screens call these rather than the API client."""
