"""`get_<field>_display()` of the application's models (core.models.ChoiceLabelModel)."""

from core.models import BackgroundJob, BackgroundJobStatus
from programme.constants import ProjectStatus
from programme.models import Project


def test_the_label_of_every_choice_and_the_value_itself_for_an_unknown_one():
    project = Project()
    for value, label in ProjectStatus.choices:
        project.overall_status = value
        shown = project.get_overall_status_display()
        assert shown == str(label) and type(shown) is str
    project.overall_status = "verzonnen"
    assert project.get_overall_status_display() == "verzonnen"
    project.agenda_outcome = ""  # blank, not a choice
    assert project.get_agenda_outcome_display() == ""
    assert BackgroundJob(status=BackgroundJobStatus.DONE).get_status_display() == "klaar"


def test_the_labels_are_looked_up_once_per_field():
    field = Project._meta.get_field("overall_status")
    value, label = ProjectStatus.choices[0]
    Project(overall_status=value).get_overall_status_display()
    assert field._labels_by_value[value] is label
