"""Training programmes, sessions, enrolment, attendance and development records (issue 4)."""
