"""The Textual app: screens, modes and the command palette."""
