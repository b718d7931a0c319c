"""Admin screens of the demonstration-project selection (Selection in the admin menu):
moderators nominate their library's projects with a statement and evidence, judges score
their round's nominations, administrators rank, choose winners and publish the results.
The rules themselves are in selection.py."""

import os

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.images.fields import WagtailImageField
from wagtail.models import Locale

from .models import VolunteerCategory, VolunteerIndexPage, VolunteerProjectPage
from .selection import (
    MAX_SCORE,
    Evidence,
    Judge,
    Nomination,
    Score,
    SelectionRound,
    add_evidence,
    choose_winners,
    edit_nomination,
    is_administrator,
    judgeship,
    moderated_library_keys,
    nominate,
    own_libraries,
    publish_results,
    ranking,
    remove_evidence,
    require_administrator,
    score,
    withdraw,
)

IMAGE_EXTENSIONS = {"jpg", "jpeg", "png", "webp"}
# Office and PDF documents the site's document settings accept (no archives or data files).
DOCUMENT_EXTENSIONS = {"pdf", "docx", "xlsx", "pptx", "odt"} & set(
    getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or ["pdf", "docx", "xlsx", "pptx", "odt"]
)
MAX_DOCUMENT_SIZE = getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None) or 20 * 1024 * 1024
EVIDENCE_ROWS = 3


def can_use_selection(user):
    """Administrators, library moderators and judges reach the selection screens."""
    if not user.is_active:
        return False
    return (
        is_administrator(user)
        or bool(moderated_library_keys(user))
        or Judge.objects.filter(user=user).exists()
    )


def library_names(keys):
    from home.models import MemberLibraryPage

    return dict(
        MemberLibraryPage.objects.filter(
            translation_key__in=keys, locale=Locale.get_default()
        ).values_list("translation_key", "title")
    )


# Forms ------------------------------------------------------------------------------------


class NominationForm(forms.Form):
    project = forms.ModelChoiceField(
        label=gettext_lazy("Project"),
        queryset=VolunteerProjectPage.objects.none(),
        empty_label=gettext_lazy("Choose one of your library's projects"),
    )
    statement = forms.CharField(
        label=gettext_lazy("Statement"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy(
            "Why the project deserves to be chosen: what it does, for whom, with what results."
        ),
    )

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects
        self.fields["project"].label_from_instance = lambda page: (
            f"{page.title} · {page.get_category_display()}"
        )


class StatementForm(forms.Form):
    statement = NominationForm.base_fields["statement"]


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Evidence"),
        required=False,
        help_text=gettext_lazy(
            "A photo (JPEG, PNG, WebP; up to 10 MB) or a document (PDF, Word, Excel, "
            "PowerPoint, OpenDocument; up to 20 MB)."
        ),
    )
    caption = forms.CharField(
        label=pgettext_lazy("evidence", "Caption"), max_length=200, required=False
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if not upload:
            if cleaned.get("caption"):
                self.add_error("file", _("Choose the file this caption describes."))
            return cleaned
        extension = os.path.splitext(upload.name)[1].lower().lstrip(".")
        if extension in IMAGE_EXTENSIONS:
            try:
                cleaned["file"] = WagtailImageField().clean(upload)
            except ValidationError as error:
                self.add_error("file", error)
            cleaned["kind"] = "image"
        elif extension in DOCUMENT_EXTENSIONS:
            if upload.size > MAX_DOCUMENT_SIZE:
                self.add_error("file", _("This file is larger than 20 MB."))
            cleaned["kind"] = "document"
        else:
            self.add_error(
                "file",
                _(
                    "“%(name)s” is not a photo or a document we take: upload a JPEG, PNG or "
                    "WebP photo, or a PDF, Word, Excel, PowerPoint or OpenDocument file."
                )
                % {"name": upload.name},
            )
        return cleaned


EvidenceFormSet = forms.formset_factory(
    EvidenceForm,
    extra=EVIDENCE_ROWS,
    max_num=EVIDENCE_ROWS,
    absolute_max=EVIDENCE_ROWS,
    validate_max=True,
)


def save_evidence(user, nomination, formset):
    added = 0
    for form in formset:
        data = form.cleaned_data
        if data.get("file"):
            add_evidence(user, nomination, data["file"], data["kind"], data.get("caption", ""))
            added += 1
    return added


class ScoreForm(forms.Form):
    comment = forms.CharField(
        label=pgettext_lazy("selection score", "Comment"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Seen by the administrators only."),
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        scores = {}
        for criterion in criteria:
            scores[f"c{criterion.pk}"] = forms.IntegerField(
                label=f"{criterion.name} ({criterion.weight}%)",
                min_value=0,
                max_value=MAX_SCORE,
                help_text=criterion.description,
                widget=forms.NumberInput(attrs={"min": 0, "max": MAX_SCORE, "step": 1}),
            )
        self.fields = {**scores, "comment": self.fields["comment"]}

    def values(self):
        return {c.pk: self.cleaned_data[f"c{c.pk}"] for c in self.criteria}


# Views ------------------------------------------------------------------------------------


def require_selection_user(request):
    if not can_use_selection(request.user):
        raise PermissionDenied


def index(request):
    """The rounds the user has a part in, with what the user can do in each."""
    require_selection_user(request)
    user = request.user
    administrator = is_administrator(user)
    moderated = moderated_library_keys(user)
    judged = set(Judge.objects.filter(user=user).values_list("round_id", flat=True))
    rounds = SelectionRound.objects.annotate(
        nominations_count=Count("nominations", distinct=True),
        own_count=Count(
            "nominations", filter=Q(nominations__library_key__in=moderated), distinct=True
        ),
    )
    rows = [
        {
            "round": selection_round,
            "judge": selection_round.pk in judged,
            "moderator": bool(moderated),
        }
        for selection_round in rounds
        # Rounds are one a year: the choice is made here rather than in SQL.
        if administrator
        or selection_round.pk in judged
        or (moderated and (not selection_round.published_at or selection_round.own_count))
    ]
    return TemplateResponse(
        request,
        "volunteers/selection/index.html",
        {"rows": rows, "administrator": administrator},
    )


def as_id(value):
    """A posted primary key, or 0 (matches nothing) for anything else."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 0
    return number if 0 < number < 2**63 else 0


def round_or_404(pk):
    return get_object_or_404(SelectionRound, pk=pk)


def eligible_projects(user, selection_round):
    keys = moderated_library_keys(user)
    return (
        VolunteerProjectPage.objects.filter(
            locale=Locale.get_default(),
            library__translation_key__in=keys,
            category__in=selection_round.categories,
        )
        .exclude(nominations__round=selection_round)
        .order_by("title")
    )


@require_http_methods(["GET", "POST"])
def nominations(request, pk):
    """A library's moderators: their nominations in a round, and a new one."""
    selection_round = round_or_404(pk)
    keys = moderated_library_keys(request.user)
    if not keys:
        raise PermissionDenied
    own = (
        Nomination.objects.filter(round=selection_round, library_key__in=keys)
        .annotate(evidence_count=Count("evidence"))
        .order_by("category", "title")
    )
    open_now = selection_round.accepts_nominations()
    projects = eligible_projects(request.user, selection_round)
    post = request.POST if request.method == "POST" else None
    form = NominationForm(post, projects=projects, prefix="nomination")
    evidence = EvidenceFormSet(post, request.FILES or None, prefix="evidence")
    if post is not None:
        if not open_now:
            messages.error(request, _("This round does not take nominations now."))
        elif form.is_valid() and evidence.is_valid():
            try:
                with transaction.atomic():
                    nomination = nominate(
                        request.user,
                        selection_round,
                        form.cleaned_data["project"],
                        form.cleaned_data["statement"],
                    )
                    added = save_evidence(request.user, nomination, evidence)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    ngettext(
                        "“%(title)s” is nominated with %(count)s piece of evidence.",
                        "“%(title)s” is nominated with %(count)s pieces of evidence.",
                        added,
                    )
                    % {"title": nomination.title, "count": added},
                )
                return redirect("selection:nominations", selection_round.pk)
        if form.errors or not evidence.is_valid():
            messages.error(request, _("The nomination needs attention; nothing was saved."))
    return TemplateResponse(
        request,
        "volunteers/selection/nominations.html",
        {
            "round": selection_round,
            "own": own,
            "form": form,
            "evidence": evidence,
            "open_now": open_now,
            "has_projects": projects.exists(),
            "files_lost": post is not None and bool(request.FILES),
            "libraries": library_names(keys),
        },
    )


def nomination_roles(user, nomination):
    """(moderator, judge, administrator) of a nomination for the user; refused if none."""
    moderator = nomination.library_key in moderated_library_keys(user)
    judge = judgeship(user, nomination.round)
    administrator = is_administrator(user)
    if not (moderator or judge or administrator):
        raise PermissionDenied
    return moderator, judge, administrator


@require_http_methods(["GET", "POST"])
def nomination(request, pk):
    """One nomination: its statement and evidence for whoever has a part in it; the
    moderators edit it while the window is open, the judges score it, the administrators
    see every judge's scores."""
    nomination = get_object_or_404(Nomination.objects.select_related("round", "project"), pk=pk)
    selection_round = nomination.round
    moderator, judge, administrator = nomination_roles(request.user, nomination)
    own_library = bool(judge) and nomination.library_key in own_libraries(judge)
    can_edit = moderator and selection_round.accepts_nominations()
    can_score = bool(judge) and not own_library and selection_round.accepts_scores()
    criteria = list(selection_round.criteria.all())
    post = request.POST if request.method == "POST" else None
    action = post.get("action") if post else None

    statement_form = StatementForm(
        post if action == "edit" else None,
        initial={"statement": nomination.statement},
        prefix="nomination",
    )
    evidence = EvidenceFormSet(
        post if action == "edit" else None,
        request.FILES or None if action == "edit" else None,
        prefix="evidence",
    )
    mine = {}
    comment = ""
    if judge:
        for row in Score.objects.filter(nomination=nomination, judge=judge):
            mine[f"c{row.criterion_id}"] = row.value
            comment = row.comment
    score_form = ScoreForm(
        post if action == "score" else None,
        initial={**mine, "comment": comment},
        criteria=criteria,
        prefix="score",
    )

    if action in ("edit", "remove", "withdraw") and not can_edit:
        messages.error(request, _("Nominations for this round are closed."))
    elif action == "edit":
        if statement_form.is_valid() and evidence.is_valid():
            with transaction.atomic():
                edit_nomination(request.user, nomination, statement_form.cleaned_data["statement"])
                save_evidence(request.user, nomination, evidence)
            messages.success(request, _("The nomination is saved."))
            return redirect("selection:nomination", nomination.pk)
        messages.error(request, _("The nomination needs attention; nothing was saved."))
    elif action == "remove":
        item = get_object_or_404(Evidence, nomination=nomination, pk=as_id(post.get("evidence")))
        remove_evidence(request.user, item)
        messages.success(request, _("The evidence is removed."))
        return redirect("selection:nomination", nomination.pk)
    elif action == "withdraw":
        withdraw(request.user, nomination)
        messages.success(request, _("The nomination is withdrawn."))
        return redirect("selection:nominations", selection_round.pk)
    elif action == "score":
        if not can_score:
            if own_library:
                raise PermissionDenied
            messages.error(request, _("Scoring is not open for this round."))
        elif score_form.is_valid():
            score(
                request.user,
                nomination,
                score_form.values(),
                score_form.cleaned_data["comment"],
            )
            messages.success(request, _("Your scores are saved."))
            return redirect("selection:judging", selection_round.pk)
        else:
            messages.error(request, _("Some scores need attention; nothing was saved."))
    elif post is not None:
        raise PermissionDenied

    scores_table = None
    if administrator:
        scores_table = judges_scores(nomination, criteria)
    return TemplateResponse(
        request,
        "volunteers/selection/nomination.html",
        {
            "nomination": nomination,
            "round": selection_round,
            "library": library_names([nomination.library_key]).get(nomination.library_key, ""),
            "evidence_items": nomination.evidence.select_related("document", "image"),
            "can_edit": can_edit,
            "can_score": can_score,
            "judge": judge,
            "own_library": own_library,
            "moderator": moderator,
            "administrator": administrator,
            "statement_form": statement_form,
            "evidence": evidence,
            "score_form": score_form,
            "my_scores": [(c, mine.get(f"c{c.pk}")) for c in criteria] if mine else None,
            "my_comment": comment,
            "max_score": MAX_SCORE,
            "criteria": criteria,
            "scores_table": scores_table,
            "files_lost": action == "edit" and bool(request.FILES),
        },
    )


def judges_scores(nomination, criteria):
    """For administrators: [(judge, [value per criterion], comment), …]."""
    rows = {}
    for row in Score.objects.filter(nomination=nomination).select_related("judge__user"):
        entry = rows.setdefault(row.judge_id, [row.judge, {}, row.comment])
        entry[1][row.criterion_id] = row.value
    return [
        (judge, [values.get(c.pk) for c in criteria], comment)
        for judge, values, comment in rows.values()
    ]


def judging(request, pk):
    """A judge's round: every nomination, by category, with the judge's progress."""
    selection_round = round_or_404(pk)
    judge = judgeship(request.user, selection_round)
    if judge is None:
        raise PermissionDenied
    criteria_count = selection_round.criteria.count()
    rows = Nomination.objects.filter(round=selection_round).annotate(
        my_scores=Count("scores", filter=Q(scores__judge=judge), distinct=True),
        evidence_count=Count("evidence", distinct=True),
    )
    names = library_names({n.library_key for n in rows})
    own = own_libraries(judge)
    groups = {}
    done = 0
    for row in rows:
        row.library = names.get(row.library_key, "")
        row.own_library = row.library_key in own
        row.scored = row.my_scores >= criteria_count
        done += row.scored
        groups.setdefault(row.category, []).append(row)
    scorable = sum(not row.own_library for rows_ in groups.values() for row in rows_)
    return TemplateResponse(
        request,
        "volunteers/selection/judging.html",
        {
            "round": selection_round,
            "groups": [
                (VolunteerCategory(category).label, groups[category])
                for category in selection_round.categories
                if category in groups
            ],
            "done": done,
            "scorable": scorable,
            "open_now": selection_round.accepts_scores(),
        },
    )


def results_parent():
    return VolunteerIndexPage.objects.filter(locale=Locale.get_default()).order_by("path").first()


@require_http_methods(["GET", "POST"])
def results(request, pk):
    """Administrators: the ranking per category, the winners, and publication."""
    require_administrator(request.user)
    selection_round = round_or_404(pk)
    ticked = None
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "winners":
                ticked = {as_id(value) for value in request.POST.getlist("winner")}
                chosen = choose_winners(request.user, selection_round, ticked)
                messages.success(
                    request,
                    ngettext("%(count)s winner chosen.", "%(count)s winners chosen.", len(chosen))
                    % {"count": len(chosen)},
                )
            elif action == "publish":
                parent = results_parent()
                if parent is None:
                    raise ValidationError(
                        _("Create the volunteer projects index first; the results go under it.")
                    )
                page = publish_results(request.user, selection_round, parent)
                messages.success(
                    request,
                    _("The results are published at %(url)s.") % {"url": page.full_url or page.url},
                )
            else:
                raise PermissionDenied
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            return redirect("selection:results", selection_round.pk)
        if action != "winners":
            return redirect("selection:results", selection_round.pk)
        # Refused winners: the page comes back with the boxes as they were ticked.

    nominations_ = ranking(selection_round)
    names = library_names({n.library_key for n in nominations_})
    groups = {}
    for nomination_ in nominations_:
        nomination_.library = names.get(nomination_.library_key, "")
        if ticked is not None:
            nomination_.winner = nomination_.pk in ticked
        groups.setdefault(nomination_.category, []).append(nomination_)
    judges = selection_round.judges.count()
    pages = list(selection_round.results_pages.select_related("locale"))
    return TemplateResponse(
        request,
        "volunteers/selection/results.html",
        {
            "round": selection_round,
            "max_score": MAX_SCORE,
            "groups": [
                (VolunteerCategory(category).label, groups.get(category, []))
                for category in selection_round.categories
            ],
            "judges": judges,
            "deciding": selection_round.phase() == "deciding",
            "pages": pages,
            "edit_url": reverse(
                "wagtailsnippets_volunteers_selectionround:edit", args=[selection_round.pk]
            ),
        },
    )
