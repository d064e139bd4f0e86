"""The live monitor's pieces: entries, rows, the board and its dialogs."""
