"""The training record: each AMO member's mandatory and supplementary arbejdsmiljøuddannelse,
with the rules of what is due (`models.training_status`)."""
