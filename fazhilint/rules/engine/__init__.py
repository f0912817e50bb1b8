"""FZ0xx: what the engine itself reports (documented like rules, never run on a document)."""
