"""penilaian's forms, one module per domain: ``appraisal`` (scores, periods), ``imports``
(uploads, column mapping), ``fairness`` (expectations, documentation, multi-source input,
objections, the unit's own predikat). This package re-exports nothing."""
