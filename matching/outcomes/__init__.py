"""Outcomes: progress reports with evidence, delivery records, reporting duties, response times."""
