"""Query builders and executors: the only layer that writes select(), insert() and delete()."""
