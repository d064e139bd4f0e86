"""Our own faithful implementation of the Interviews API, with a living demo company."""
