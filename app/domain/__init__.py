"""Models, enums and request rules shared by every layer and by the sandbox."""
