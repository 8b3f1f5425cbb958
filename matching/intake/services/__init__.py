"""Intake writes. Views, the CSV upload and the management command all call these."""
