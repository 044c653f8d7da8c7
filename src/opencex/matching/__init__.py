"""One record per resident (issue 16): finding, reviewing, merging and undoing duplicate residents."""
