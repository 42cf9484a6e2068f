"""The council information letter (raadsinformatiebrief): composition, workflow, PDF, publication.

Models live in `governance.letters.models` and are imported at the bottom of `governance.models`,
so they belong to the `governance` app. Live data blocks come from `governance.registry`.
"""
