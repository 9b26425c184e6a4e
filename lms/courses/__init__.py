"""Course access, progress and search: the operations behind the pages."""
