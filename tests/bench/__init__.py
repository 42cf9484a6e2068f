"""`make bench`: the product's speed over HTTP (run.py); not run by `make test`."""
