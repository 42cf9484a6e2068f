"""`manage.py generate_scale_data --regions 42`: synthetic regions up to national scale."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import ProtectedError

from core.scope import all_regions
from demo.scale_data import (
    DEFAULT_PROJECTS_PER_REGION,
    MAX_PROJECTS_PER_REGION,
    MAX_REGIONS,
    SLUG_PREFIX,
    delete_scale_data,
    generate_scale_data,
    scale_regions,
)


class Command(BaseCommand):
    help = (
        "Maakt fictieve jeugdzorgregio's aan, tot landelijke schaal (42 regio's, zo'n 340 "
        "gemeenten), voor prestatiemetingen. Dezelfde --seed geeft dezelfde gegevens. Alle "
        f"gegenereerde sleutels beginnen met '{SLUG_PREFIX}s<seed>-'."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--regions", type=int, required=True, help=f"Aantal regio's (1–{MAX_REGIONS})."
        )
        parser.add_argument("--seed", type=int, default=1, help="Startwaarde (standaard 1).")
        parser.add_argument(
            "--projects-per-region",
            type=int,
            default=DEFAULT_PROJECTS_PER_REGION,
            help=(
                "Projecten van het lopende programma per regio "
                f"(1–{MAX_PROJECTS_PER_REGION}, standaard {DEFAULT_PROJECTS_PER_REGION})."
            ),
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Verwijder eerst alle eerder gegenereerde schaalgegevens (van elke seed).",
        )

    def _progress(self, text: str) -> None:
        # Plain text: stderr's default style would colour the bar as an error.
        self.stderr.write(text, style_func=str, ending="")
        self.stderr.flush()

    def handle(self, *args, regions, seed, projects_per_region, replace, **options):
        if not 1 <= regions <= MAX_REGIONS:
            raise CommandError(
                f"--regions moet tussen 1 en {MAX_REGIONS} liggen, niet {regions} "
                "(landelijke schaal is 42)."
            )
        if seed < 0:
            raise CommandError(f"--seed moet 0 of groter zijn, niet {seed}.")
        if not 1 <= projects_per_region <= MAX_PROJECTS_PER_REGION:
            raise CommandError(
                f"--projects-per-region moet tussen 1 en {MAX_PROJECTS_PER_REGION} liggen, "
                f"niet {projects_per_region}."
            )
        started = time.perf_counter()
        # Generated data spans many regions: the command reads and writes across them.
        with all_regions(), transaction.atomic():
            existing = scale_regions(seed).count()
            if existing and not replace:
                raise CommandError(
                    f"Er bestaan al schaalgegevens met seed {seed} ({existing} regio's). "
                    "Gebruik --replace om ze eerst te verwijderen, of kies een andere --seed."
                )
            if replace:
                try:
                    removed = delete_scale_data(SLUG_PREFIX)
                except ProtectedError:
                    raise CommandError(
                        "De bestaande schaalgegevens kunnen niet worden verwijderd: andere "
                        "gegevens (bijvoorbeeld een brief) verwijzen ernaar."
                    ) from None
                if removed and options["verbosity"]:
                    self.stdout.write(f"{removed} rijen schaalgegevens verwijderd.")
            show = options["verbosity"] > 0
            counts = generate_scale_data(
                regions=regions,
                seed=seed,
                projects_per_region=projects_per_region,
                progress=self._progress if show else None,
                redraw=self.stderr.isatty(),
            )
        seconds = time.perf_counter() - started
        if show:
            self.stdout.write(f"Schaalgegevens (seed {seed}) aangemaakt in {seconds:.1f} s:")
            for label, count in sorted(counts.items()):
                self.stdout.write(f"  {label:<45} {count:>8}")
            self.stdout.write(f"  {'totaal':<45} {sum(counts.values()):>8}")
