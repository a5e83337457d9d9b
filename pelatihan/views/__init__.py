"""The training app's views by audience (employee, supervisor, trainer, BKPSDM, public) and by
domain (matching, evaluation, coaching, reports). Thin: decorators, the object fetched for this
user (``_fetch``), the form, one service call, a message and a redirect."""
