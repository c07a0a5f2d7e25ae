"""The mediators' REST API: caseload, records, search, proposals, match steps and notes."""
