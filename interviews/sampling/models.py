"""The worker interview sample and the assessment plan (guide, phase 3 steps 4 and 5).

Step 4, "Gather information to design the methodology": the sample per site, at least the
SMETA best-practice size, stratified so every group of the workforce is heard, over-sampled so
the business cannot substitute, drawn at random from the attendance list of the day by the
assessors alone, supervisors apart. Step 5, "Prepare an assessment plan": the agenda per site
and the interview schedule, clear of breaks and peak production.

Attendance rows keep no name and no identifier: only the list position and the stratum
attributes. The selection itself is reproducible from the stored rows, parameters and seed
(``interviews.sampling.selection``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from interviews.sampling.selection import STRATUM_ATTRIBUTES
from mapping_platform.db import BaseModel

ENGAGEMENT = "engagements.Engagement"


def default_strata() -> list[str]:
    return list(STRATUM_ATTRIBUTES)


class SamplingSettings(BaseModel):
    """The engagement's sampling parameters; without a row, the defaults below apply."""

    engagement = models.OneToOneField(ENGAGEMENT, on_delete=models.CASCADE, related_name="sampling_settings")
    oversample_percent = models.PositiveSmallIntegerField(
        _("over-sampling margin (%)"),
        default=20,
        validators=[MaxValueValidator(100)],
        help_text=_("Extra workers drawn so that absent workers are not replaced by the business's choice."),
    )
    min_per_stratum = models.PositiveSmallIntegerField(
        _("minimum per stratum"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("Every group of the workforce present on the list gets at least this many places."),
    )
    strata = models.JSONField(_("stratify across"), default=default_strata)
    supervisors_per_site = models.PositiveSmallIntegerField(
        _("supervisors per site"),
        default=2,
        validators=[MaxValueValidator(50)],
        help_text=_("Supervisors or team leaders drawn separately, interviewed apart from workers."),
    )

    def __str__(self) -> str:
        return f"Sampling settings of {self.engagement}"


class SizeBand(BaseModel):
    """A row of the engagement's own size table, replacing the SMETA default (reference: smeta_sample_sizes)."""

    engagement = models.ForeignKey(ENGAGEMENT, on_delete=models.CASCADE, related_name="sample_size_bands")
    workers_min = models.PositiveIntegerField(_("from (workers)"), validators=[MinValueValidator(1)])
    workers_max = models.PositiveIntegerField(_("to (workers)"), null=True, blank=True)
    sample_size = models.PositiveIntegerField(_("workers to interview"), validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["workers_min"]

    def __str__(self) -> str:
        return f"{self.workers_min}-{self.workers_max or '…'}: {self.sample_size}"


class AssessmentSite(BaseModel):
    """A site assessed on the day: its sample, agenda, breaks and interview schedule hang off it."""

    engagement = models.ForeignKey(ENGAGEMENT, on_delete=models.CASCADE, related_name="assessment_sites")
    name = models.CharField(_("site"), max_length=200)
    workers_on_site = models.PositiveIntegerField(
        _("workers on site"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Excluding management, as in the workforce breakdown. Blank: count the attendance list."),
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["engagement", "name"], name="sampling_one_site_name_per_engagement")
        ]

    def __str__(self) -> str:
        return self.name


class AttendanceList(BaseModel):
    """The attendance list uploaded on the day, reduced to positions and stratum attributes.

    The file itself is not kept; its SHA-256 ties the selection to the exact list.
    """

    engagement = models.ForeignKey(ENGAGEMENT, on_delete=models.CASCADE, related_name="attendance_lists")
    site = models.ForeignKey(AssessmentSite, on_delete=models.CASCADE, related_name="attendance_lists")
    list_date = models.DateField(_("date of the list"))
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    file_format = models.CharField(max_length=8)
    columns_kept = models.JSONField(default=list)
    columns_dropped = models.PositiveSmallIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.site} — {self.list_date:%Y-%m-%d}"


class AttendanceRow(BaseModel):
    """One worker on the list: position and stratum attributes only (never a name or an identifier)."""

    engagement = models.ForeignKey(ENGAGEMENT, on_delete=models.CASCADE, related_name="+")
    attendance_list = models.ForeignKey(AttendanceList, on_delete=models.CASCADE, related_name="rows")
    position = models.PositiveIntegerField(_("list position"))
    nationality = models.CharField(_("nationality"), max_length=100, blank=True)
    gender = models.CharField(_("gender"), max_length=100, blank=True)
    recruiter = models.CharField(_("recruiter"), max_length=100, blank=True)
    department = models.CharField(_("department"), max_length=100, blank=True)
    shift = models.CharField(_("shift"), max_length=100, blank=True)
    contract_type = models.CharField(_("contract type"), max_length=100, blank=True)
    is_supervisor = models.BooleanField(_("supervisor"), default=False)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["attendance_list", "position"], name="sampling_one_row_per_list_position")
        ]

    def __str__(self) -> str:
        return f"#{self.position}"


class SampleDraw(BaseModel):
    """One random draw from a list: the seed and parameters that reproduce it, and its summary."""

    engagement = models.ForeignKey(ENGAGEMENT, on_delete=models.CASCADE, related_name="sample_draws")
    attendance_list = models.ForeignKey(AttendanceList, on_delete=models.CASCADE, related_name="draws")
    seed = models.PositiveBigIntegerField(_("random seed"))
    parameters = models.JSONField()
    summary = models.JSONField(default=dict)
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Draw {self.seed}"


class SampledWorker(BaseModel):
    """A list row drawn into the sample; ``slot`` is its interview once scheduled."""

    engagement = models.ForeignKey(ENGAGEMENT, on_delete=models.CASCADE, related_name="+")
    draw = models.ForeignKey(SampleDraw, on_delete=models.CASCADE, related_name="selected")
    row = models.ForeignKey(AttendanceRow, on_delete=models.CASCADE, related_name="+")
    slot = models.ForeignKey(
        "InterviewSlot", on_delete=models.SET_NULL, null=True, blank=True, related_name="respondents"
    )

    class Meta:
        ordering = ["row__position"]
        constraints = [models.UniqueConstraint(fields=["draw", "row"], name="sampling_one_selection_per_row")]

    def __str__(self) -> str:
        return f"#{self.row.position}"


class PeriodKind(models.TextChoices):
    BREAK = "break", _("Break")
    MEAL = "meal", _("Meal break")
    PEAK = "peak", _("Peak production")
    SHIFT_CHANGE = "shift_change", _("Shift change")
    OTHER = "other", _("Other")


class UnavailablePeriod(BaseModel):
    """A time on site when workers must not be taken for interviews (phase 3 step 5: breaks, peak production)."""

    engagement = models.ForeignKey(ENGAGEMENT, on_delete=models.CASCADE, related_name="+")
    site = models.ForeignKey(AssessmentSite, on_delete=models.CASCADE, related_name="unavailable_periods")
    kind = models.CharField(_("kind"), max_length=20, choices=PeriodKind.choices, default=PeriodKind.BREAK)
    date = models.DateField(_("date"), null=True, blank=True, help_text=_("Blank: every day."))
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("to"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["site__name", "date", "start_time"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start_time:%H:%M}–{self.end_time:%H:%M}"


class Activity(models.TextChoices):
    OPENING = "opening_meeting", _("Opening meeting")
    SITE_TOUR = "site_tour", _("Site tour")
    MANAGEMENT = "management_interviews", _("Management interviews")
    DOCUMENTS = "document_review", _("Document review")
    WORKERS = "worker_interviews", _("Worker interviews")
    CLOSING = "closing_meeting", _("Closing meeting")
    OTHER = "other", _("Other")


class AgendaItem(BaseModel):
    """A line of a site's agenda (phase 3 step 5: "Finalise the agenda with times and places for each site")."""

    engagement = models.ForeignKey(ENGAGEMENT, on_delete=models.CASCADE, related_name="+")
    site = models.ForeignKey(AssessmentSite, on_delete=models.CASCADE, related_name="agenda_items")
    activity = models.CharField(_("activity"), max_length=30, choices=Activity.choices)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("to"))
    place = models.CharField(_("place"), max_length=200)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["date", "start_time"]

    def __str__(self) -> str:
        return f"{self.get_activity_display()} {self.date:%Y-%m-%d} {self.start_time:%H:%M}"


class InterviewFormat(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    GROUP = "group", _("Group")


class InterviewSlot(BaseModel):
    """A worker interview on the schedule: who (list positions), when, where, with which interviewer."""

    engagement = models.ForeignKey(ENGAGEMENT, on_delete=models.CASCADE, related_name="+")
    site = models.ForeignKey(AssessmentSite, on_delete=models.CASCADE, related_name="interview_slots")
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("to"))
    room = models.CharField(_("room"), max_length=100)
    shift = models.CharField(_("shift"), max_length=100, blank=True)
    format = models.CharField(
        _("format"), max_length=12, choices=InterviewFormat.choices, default=InterviewFormat.INDIVIDUAL
    )
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("interviewer")
    )

    class Meta:
        ordering = ["date", "start_time", "room"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.start_time:%H:%M}–{self.end_time:%H:%M} {self.room}"
