"""Load runs: an archive, the pages to ask for, the server, Locust and the report."""
