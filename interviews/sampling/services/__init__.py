"""Writes of the sample (``sample``) and of the assessment plan (``plan``)."""
