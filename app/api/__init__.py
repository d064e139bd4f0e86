"""The only code that speaks HTTP: the Interviews API client (client.py), the wire shapes
it accepts (wire.py), its typed errors (errors.py) and its pacing (limiter.py)."""
