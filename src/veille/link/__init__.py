"""Links between documents, as pure functions (no SQL): story keys and similarity, incidents, syndication."""
