"""`make bench`: how fast each page is beside a bare Django view served the same way (see README)."""
