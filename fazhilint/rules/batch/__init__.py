"""FZ6xx: cross-document checks of a batch. They read every submission at once, so they are not
run on one document: fazhilint/crossdoc.py finds them when a batch is checked (fazhilint/ledger.py)."""
