"""Links between documents, as pure functions (no SQL): story keys and similarity, re-grouping, incidents, syndication."""
