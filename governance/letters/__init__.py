"""The council information letter (raadsinformatiebrief): composition, workflow, PDF, publication.

Models live in `governance.models.letters`. Live data blocks come from `core.registry`.
"""
