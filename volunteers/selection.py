"""The annual selection of demonstration volunteer projects (示范项目评选): the data and
its rules. Administrators open a round (year, nomination and scoring windows, categories,
weighted criteria, judges); each library's moderators nominate their own projects, once
per project and round; judges score the round's nominations, never their own library's;
rankings are weighted averages worked out in the database; scores stay private until the
round's results are published. Every action goes to Wagtail's audit log.

The admin screens (selection_views.py) and the public results page build on the
functions below."""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import Count, F, Sum
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.log_actions import log
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from alliance_site.models import BasePage
from events.admin_views import library_keys

from .models import VolunteerCategory, VolunteerProjectPage

MAX_SCORE = 10


class LibrarySelect(forms.Select):
    """A member library (its translation_key), chosen by name; the list is read when the
    form is drawn, not when the code is loaded."""

    def __init__(self, attrs=None, choices=()):
        super().__init__(attrs)

    @property
    def choices(self):
        from home.models import MemberLibraryPage

        libraries = MemberLibraryPage.objects.filter(locale=Locale.get_default()).order_by(
            "level_order", "path"
        )
        return [
            ("", _("No library")),
            *((str(lib.translation_key), lib.title) for lib in libraries),
        ]

    @choices.setter
    def choices(self, value):
        pass


class SelectionRoundForm(WagtailAdminModelForm):
    categories = forms.MultipleChoiceField(
        label=capfirst(_("categories")),
        choices=VolunteerCategory.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        if instance.pk and instance.published_at:
            raise ValidationError(_("The results are published; the round can no longer change."))
        criteria = self.formsets.get("criteria")
        scoring_started = (
            instance.pk is not None
            and instance.scoring_open
            and instance.scoring_open <= timezone.localdate()
        )
        if scoring_started and criteria is not None and criteria.has_changed():
            self.add_error(
                None, _("Scoring has begun: the criteria and their weights can no longer change.")
            )
        if instance.pk and cleaned.get("categories") is not None:
            dropped = set(instance.categories or []) - set(cleaned["categories"])
            used = sorted(
                set(
                    instance.nominations.filter(category__in=dropped).values_list(
                        "category", flat=True
                    )
                )
            )
            if used:
                self.add_error(
                    "categories",
                    _("Nominations have been made in “%(categories)s”: keep these categories.")
                    % {"categories": ", ".join(str(VolunteerCategory(c).label) for c in used)},
                )
        if criteria is not None and criteria.is_valid():
            weights = [
                form.cleaned_data.get("weight") or 0
                for form in criteria.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ]
            if sum(weights) != 100:
                self.add_error(
                    None,
                    _("The criteria's weights add up to %(total)s%%; they must add up to 100%%.")
                    % {"total": sum(weights)},
                )
        return cleaned


class SelectionRound(ClusterableModel):
    year = models.PositiveSmallIntegerField(pgettext_lazy("selection round", "year"), unique=True)
    title = models.CharField(pgettext_lazy("selection round", "title"), max_length=200)
    categories = models.JSONField(
        _("categories"),
        default=list,
        help_text=_("The plan's categories this round selects in."),
    )
    nominations_open = models.DateField(_("nominations open"))
    nominations_close = models.DateField(_("nominations close"))
    scoring_open = models.DateField(_("scoring opens"))
    scoring_close = models.DateField(_("scoring closes"))
    winners_per_category = models.PositiveSmallIntegerField(
        _("winners per category"), default=1, validators=[MinValueValidator(1)]
    )
    published_at = models.DateTimeField(_("results published at"), null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("winners_per_category")]),
        FieldPanel("title"),
        FieldPanel("categories"),
        FieldRowPanel([FieldPanel("nominations_open"), FieldPanel("nominations_close")]),
        FieldRowPanel([FieldPanel("scoring_open"), FieldPanel("scoring_close")]),
        InlinePanel(
            "criteria", label=capfirst(_("criterion")), heading=capfirst(_("criteria")), min_num=1
        ),
        InlinePanel("judges", label=capfirst(_("judge")), heading=capfirst(_("judges"))),
    ]
    base_form_class = SelectionRoundForm

    class Meta:
        ordering = ["-year"]
        verbose_name = _("selection round")
        verbose_name_plural = _("selection rounds")

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        unknown = set(self.categories or []) - set(VolunteerCategory.values)
        if unknown or not self.categories:
            errors["categories"] = _("Choose one or more of the plan's categories.")
        opens, closes = self.nominations_open, self.nominations_close
        if opens and closes and closes < opens:
            errors["nominations_close"] = _("Nominations cannot close before they open.")
        if self.scoring_open and closes and self.scoring_open < closes:
            errors["scoring_open"] = _("Scoring starts after nominations close.")
        if self.scoring_close and self.scoring_open and self.scoring_close < self.scoring_open:
            errors["scoring_close"] = _("Scoring cannot close before it opens.")
        if errors:
            raise ValidationError(errors)

    def accepts_nominations(self, day=None):
        day = day or timezone.localdate()
        return self.published_at is None and self.nominations_open <= day <= self.nominations_close

    def accepts_scores(self, day=None):
        day = day or timezone.localdate()
        return self.published_at is None and self.scoring_open <= day <= self.scoring_close

    def phase(self, day=None):
        """Where the round stands: "upcoming", "nominating", "waiting" (for scoring),
        "scoring", "deciding" (scoring over, results not published) or "published"."""
        day = day or timezone.localdate()
        if self.published_at:
            return "published"
        if day < self.nominations_open:
            return "upcoming"
        if day <= self.nominations_close:
            return "nominating"
        if day < self.scoring_open:
            return "waiting"
        if day <= self.scoring_close:
            return "scoring"
        return "deciding"

    def get_phase_display(self, day=None):
        return PHASES[self.phase(day)]


PHASES = {
    "upcoming": _("Nominations not yet open"),
    "nominating": _("Taking nominations"),
    "waiting": _("Nominations closed; scoring not yet open"),
    "scoring": _("Judges scoring"),
    "deciding": _("Scoring closed; winners to choose"),
    "published": _("Results published"),
}


class Criterion(models.Model):
    round = ParentalKey(SelectionRound, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=120)
    description = models.TextField(_("what judges look for"), blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight (%)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    sort_order = models.PositiveSmallIntegerField(default=0, editable=False)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("weight")]), FieldPanel("description")]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self):
        return f"{self.name} ({self.weight}%)"


def judge_candidates():
    """Who may be made a judge: people who can use the admin (not every reader)."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    with_admin = get_user_model().objects.filter(
        groups__permissions__content_type__app_label="wagtailadmin",
        groups__permissions__codename="access_admin",
    )
    return Q(is_active=True) & (Q(is_superuser=True) | Q(pk__in=with_admin.values("pk")))


class Judge(models.Model):
    """A judge of one round; ``library_key`` is the library the judge belongs to, whose
    nominations the judge may not score."""

    round = ParentalKey(SelectionRound, on_delete=models.CASCADE, related_name="judges")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("judge"),
        on_delete=models.CASCADE,
        related_name="judgeships",
        limit_choices_to=judge_candidates,
        help_text=_(
            "Administrators, library staff and members of the “Selection judges” group "
            "(add outside experts to that group under Settings → Groups)."
        ),
    )
    library_key = models.UUIDField(
        _("library"),
        null=True,
        blank=True,
        help_text=_("The judge's own library, whose nominations the judge may not score."),
    )

    panels = [FieldRowPanel([FieldPanel("user"), FieldPanel("library_key", widget=LibrarySelect)])]

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="one_judgeship_per_round")
        ]
        verbose_name = _("judge")
        verbose_name_plural = _("judges")

    def __str__(self):
        return str(self.user)


JUDGES_GROUP = "Selection judges"


def judges_group():
    """The group that lets judges who are not library staff into the admin."""
    from django.contrib.auth.models import Group, Permission

    group, _created = Group.objects.get_or_create(name=JUDGES_GROUP)
    if not group.permissions.filter(codename="access_admin").exists():
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    return group


@receiver(post_save, sender=Judge)
def let_the_judge_in(sender, instance, **kwargs):
    instance.user.groups.add(judges_group())


class Nomination(models.Model):
    round = models.ForeignKey(SelectionRound, on_delete=models.CASCADE, related_name="nominations")
    # A deleted project leaves its nomination (and the round's history) with its title.
    project = models.ForeignKey(
        VolunteerProjectPage, null=True, on_delete=models.SET_NULL, related_name="nominations"
    )
    title = models.CharField(_("project"), max_length=255)
    library_key = models.UUIDField(editable=False, db_index=True)
    category = models.CharField(_("category"), max_length=30, choices=VolunteerCategory.choices)
    statement = models.TextField(_("statement"))
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    winner = models.BooleanField(_("winner"), default=False)

    class Meta:
        ordering = ["category", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "project"], name="one_nomination_per_project_and_round"
            )
        ]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")

    def __str__(self):
        return f"{self.round.year}: {self.title}"


class Evidence(models.Model):
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="evidence")
    document = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(document__isnull=False) | models.Q(image__isnull=False),
                name="evidence_is_a_document_or_an_image",
            )
        ]

    def __str__(self):
        return self.caption or str(self.document or self.image)


class Score(models.Model):
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="scores")
    judge = models.ForeignKey(Judge, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(0), MaxValueValidator(MAX_SCORE)]
    )
    comment = models.TextField(pgettext_lazy("selection score", "comment"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "judge", "criterion"], name="one_score_per_judge_criterion"
            )
        ]
        verbose_name = _("score")
        verbose_name_plural = _("scores")

    def __str__(self):
        return f"{self.value}"


# Rules ------------------------------------------------------------------------------------


def nominate(user, selection_round, project, statement):
    """A library's moderator nominates one of the library's projects."""
    default = Locale.get_default()
    if project.locale_id != default.pk:
        project = project.get_translation(default)
    library_key = project.library.translation_key
    if library_key not in library_keys(user, "moderators"):
        raise PermissionDenied
    if not selection_round.accepts_nominations():
        raise ValidationError(_("This round does not take nominations now."))
    if project.category not in selection_round.categories:
        raise ValidationError(_("This round does not select in the project's category."))
    if not statement.strip():
        raise ValidationError({"statement": _("Say why the project deserves to be chosen.")})
    already = ValidationError(_("This project is already nominated in this round."))
    if Nomination.objects.filter(round=selection_round, project=project).exists():
        raise already
    try:
        with transaction.atomic():  # two moderators at once: the constraint decides
            nomination = Nomination.objects.create(
                round=selection_round,
                project=project,
                title=project.title,
                library_key=library_key,
                category=project.category,
                statement=statement.strip(),
                nominated_by=user,
            )
    except IntegrityError:
        raise already from None
    log(instance=nomination, action="volunteers.selection.nominate", user=user)
    return nomination


def own_libraries(judge):
    """The libraries whose nominations a judge may not score: the one given for the
    judgeship and any the judge works for as editor or moderator."""
    keys = set(library_keys(judge.user, "editors", "moderators"))
    if judge.library_key:
        keys.add(judge.library_key)
    return keys


def judgeship(user, selection_round):
    return Judge.objects.filter(round=selection_round, user=user).first()


def nominations_for_judge(user, selection_round):
    """The round's nominations a judge may see: all of its own round's, none of another."""
    judge = judgeship(user, selection_round)
    if judge is None:
        raise PermissionDenied
    return Nomination.objects.filter(round=selection_round).select_related("project")


def score(user, nomination, values, comment=""):
    """A judge's scores of one nomination: {criterion id: 0–10}, every criterion."""
    selection_round = nomination.round
    judge = judgeship(user, selection_round)
    if judge is None:
        raise PermissionDenied
    if nomination.library_key in own_libraries(judge):
        raise PermissionDenied(_("Judges do not score their own library's nominations."))
    if not selection_round.accepts_scores():
        raise ValidationError(_("Scoring is not open for this round."))
    criteria = {criterion.pk: criterion for criterion in selection_round.criteria.all()}
    if not criteria or set(values) != set(criteria):
        raise ValidationError(_("Score every criterion."))
    for value in values.values():
        if not isinstance(value, int) or not 0 <= value <= MAX_SCORE:
            raise ValidationError(_("Scores go from 0 to %(max)s.") % {"max": MAX_SCORE})
    with transaction.atomic():
        for criterion_id, value in values.items():
            Score.objects.update_or_create(
                nomination=nomination,
                judge=judge,
                criterion_id=criterion_id,
                defaults={"value": value, "comment": comment},
            )
        log(instance=nomination, action="volunteers.selection.score", user=user)


def ranking(selection_round):
    """The round's nominations, each with ``result``: its weighted score from 0 to 10
    (Σ weight × score / Σ weights, averaged over the judges who scored it) and
    ``judges_count``; best first within each category. The sums come from one query."""
    total_weight = selection_round.criteria.aggregate(total=Sum("weight"))["total"] or 1
    nominations = list(
        Nomination.objects.filter(round=selection_round)
        .select_related("project")
        .annotate(
            weighted=Sum(F("scores__value") * F("scores__criterion__weight")),
            judges_count=Count("scores__judge", distinct=True),
        )
        .order_by("category", "pk")
    )
    for nomination in nominations:
        if nomination.judges_count:
            nomination.result = (
                Decimal(nomination.weighted) / total_weight / nomination.judges_count
            ).quantize(Decimal("0.001"))
        else:
            nomination.result = None
    return sorted(
        nominations,
        key=lambda n: (n.category, n.result is None, -(n.result or 0), n.pk),
    )


def is_administrator(user):
    """Alliance administrators (superusers) open rounds, see rankings and publish."""
    return user.is_active and user.is_superuser


def require_administrator(user):
    if not is_administrator(user):
        raise PermissionDenied


def moderated_library_keys(user):
    return library_keys(user, "moderators")


def editable_nomination(user, nomination):
    """A nomination its library's moderators may still change: the window is open."""
    if nomination.library_key not in moderated_library_keys(user):
        raise PermissionDenied
    if not nomination.round.accepts_nominations():
        raise ValidationError(_("Nominations for this round are closed."))
    return nomination


def edit_nomination(user, nomination, statement):
    editable_nomination(user, nomination)
    if not statement.strip():
        raise ValidationError({"statement": _("Say why the project deserves to be chosen.")})
    nomination.statement = statement.strip()
    nomination.save(update_fields=["statement"])
    log(instance=nomination, action="volunteers.selection.edit", user=user)


def withdraw(user, nomination):
    editable_nomination(user, nomination)
    log(instance=nomination, action="volunteers.selection.withdraw", user=user)
    nomination.delete()


def library_collection(library_key):
    from home.models import MemberLibraryAccess

    access = MemberLibraryAccess.objects.filter(translation_key=library_key).first()
    if access is None:
        from wagtail.models import Collection

        return Collection.get_first_root_node()
    return access.collection


def add_evidence(user, nomination, upload, kind, caption=""):
    """Store an uploaded document or image in the library's collection and attach it."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    editable_nomination(user, nomination)
    collection = library_collection(nomination.library_key)
    title = caption.strip() or upload.name
    if kind == "image":
        model, field, set_metadata = get_image_model(), "image", "_set_image_file_metadata"
    else:
        model, field, set_metadata = get_document_model(), "document", "_set_document_file_metadata"
    with transaction.atomic():
        media = model(title=title[:255], file=upload, collection=collection, uploaded_by_user=user)
        getattr(media, set_metadata)()
        media.save()
        evidence = Evidence.objects.create(
            nomination=nomination, caption=caption.strip(), **{field: media}
        )
        log(instance=nomination, action="volunteers.selection.evidence", user=user)
    return evidence


def remove_evidence(user, evidence):
    nomination = editable_nomination(user, evidence.nomination)
    with transaction.atomic():
        evidence.delete()
        log(instance=nomination, action="volunteers.selection.evidence", user=user)


def choose_winners(user, selection_round, nomination_ids):
    """Mark the chosen nominations winners (at most the round's number per category)."""
    require_administrator(user)
    if selection_round.published_at:
        raise ValidationError(_("The results are published; the winners can no longer change."))
    if selection_round.phase() != "deciding":
        raise ValidationError(_("Winners are chosen once scoring has closed."))
    nominations = Nomination.objects.filter(round=selection_round)
    chosen = list(nominations.filter(pk__in=nomination_ids))
    per_category = {}
    for nomination in chosen:
        per_category.setdefault(nomination.category, []).append(nomination)
    for category, winners in per_category.items():
        if len(winners) > selection_round.winners_per_category:
            raise ValidationError(
                ngettext(
                    "Choose at most %(count)s winner in “%(category)s”.",
                    "Choose at most %(count)s winners in “%(category)s”.",
                    selection_round.winners_per_category,
                )
                % {
                    "count": selection_round.winners_per_category,
                    "category": VolunteerCategory(category).label,
                }
            )
    with transaction.atomic():
        nominations.exclude(pk__in=[n.pk for n in chosen]).update(winner=False)
        nominations.filter(pk__in=[n.pk for n in chosen]).update(winner=True)
        log(instance=selection_round, action="volunteers.selection.winners", user=user)
    return chosen


def publish_results(user, selection_round, parent):
    """Publish the round's results page under the volunteer index ``parent`` (creating it
    the first time) and its translations; from then on the winners and their scores are
    public and the round is closed."""
    require_administrator(user)
    with transaction.atomic():
        # Two administrators publishing at once: the second waits, then is refused.
        selection_round = SelectionRound.objects.select_for_update().get(pk=selection_round.pk)
        if selection_round.published_at:
            raise ValidationError(_("The results are already published."))
        if selection_round.phase() != "deciding":
            raise ValidationError(_("Results are published once scoring has closed."))
        if not selection_round.nominations.filter(winner=True).exists():
            raise ValidationError(_("Choose the winners first."))
        page = SelectionResultsPage.objects.filter(
            round=selection_round, locale=parent.locale
        ).first()
        if page is None:
            slug, n = f"selection-{selection_round.year}", 1
            while parent.get_children().filter(slug=slug).exists():
                n += 1
                slug = f"selection-{selection_round.year}-{n}"
            page = SelectionResultsPage(
                title=selection_round.title, slug=slug, round=selection_round
            )
            parent.add_child(instance=page)
        SelectionRound.objects.filter(pk=selection_round.pk).update(published_at=timezone.now())
        selection_round.refresh_from_db()
        for translation in [page, *page.get_translations().filter(alias_of__isnull=True)]:
            revision = translation.specific.latest_revision or translation.specific.save_revision(
                user=user
            )
            revision.publish(user=user)
        log(instance=selection_round, action="volunteers.selection.publish", user=user)
    return page


def winners_by_category(selection_round):
    """[(category label, [nomination with .result, …]), …] of a published round, in the
    round's order of categories."""
    if not selection_round.published_at:
        return []
    winners = {}
    for nomination in ranking(selection_round):
        if nomination.winner:
            winners.setdefault(nomination.category, []).append(nomination)
    return [
        (VolunteerCategory(category).label, winners[category])
        for category in selection_round.categories
        if category in winners
    ]


class SelectionResultsPage(BasePage):  # noqa: DJ008 (Page provides __str__)
    """The public results of one selection round: the winners per category, with their
    projects in the page's language. Nothing is shown before the round is published."""

    round = models.ForeignKey(
        SelectionRound,
        verbose_name=_("selection round"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="results_pages",
    )
    introduction = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )

    content_panels = [*Page.content_panels, FieldPanel("round"), FieldPanel("introduction")]
    promote_panels = BasePage.promote_panels
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    translatable_fields = [
        *BasePage.translatable_fields,
        SynchronizedField("round"),
        TranslatableField("introduction"),
    ]
    parent_page_types = ["volunteers.VolunteerIndexPage"]
    subpage_types = []
    page_description = _("The winners of a demonstration-project selection round.")
    template = "volunteers/selection_results_page.html"

    # The winners come from the round and its nominations, scores and judges, and show
    # the projects' pages.
    page_cache_shows = ("events", "libraries", "snippet:volunteers.selectionround")

    class Meta:
        verbose_name = _("selection results")

    def get_context(self, request, *args, **kwargs):
        from translations.listing import in_locale_or_source

        context = super().get_context(request, *args, **kwargs)
        selection_round = self.round
        groups = winners_by_category(selection_round) if selection_round else []
        keys = {n.project.translation_key for _label, ns in groups for n in ns if n.project}
        projects = {
            p.translation_key: p
            for p in in_locale_or_source(
                VolunteerProjectPage.objects.live().filter(translation_key__in=keys),
                self.listing_locale,
            )
            .select_related("library", "image")
            .prefetch_related("image__renditions")
        }
        context["groups"] = [
            (
                label,
                [(n, projects.get(n.project.translation_key) if n.project else None) for n in ns],
            )
            for label, ns in groups
        ]
        context["nominations_count"] = (
            selection_round.nominations.count() if selection_round and groups else 0
        )
        return context
