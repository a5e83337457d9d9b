"""Reads of the training app that pages, the workshop pages, the dashboard and reports share, one
module per domain. Callers import the module they need; this package re-exports nothing."""
