import logging

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from pelatihan.selectors import dashboard as training
from pelatihan.selectors import matching
from pelatihan.selectors.enrolment import my_enrolments
from penilaian import permissions
from penilaian.models import AppraisalStatus
from penilaian.selectors import appraisal as appraisal_selectors
from penilaian.selectors import gaps as gap_selectors
from penilaian.selectors import periods as period_selectors
from penilaian.selectors import register as register_selectors
from portal.core import roles

logger = logging.getLogger(__name__)


@login_required
@require_GET
def dashboard(request):
    """One page, one section per role the user has; sections later issues fill say so."""
    user = request.user
    employee = permissions.employee_of(user)
    if employee is not None:
        period, my_appraisal = period_selectors.current_period_and_appraisal(employee)
    else:
        period, my_appraisal = period_selectors.current_period(), None
    development = recommendations = assessed = None
    if employee is not None:
        # Read once, shown by the development card, the recommendations and the gaps card.
        enrolments = my_enrolments(employee)
        assessed, my_gaps = gap_selectors.latest_gaps(employee)
        development = training.dashboard_development(employee, enrolments=enrolments)
        recommendations = matching.recommendations_for_employee(
            employee, limit=3, period=assessed, enrolments=enrolments, jp_year=development["jp"],
            gaps=gap_selectors.matching_gaps_of(my_gaps))
    context = {
        "development": development,
        "recommendations": recommendations,
        "trainer_sessions": training.dashboard_trainer(user) if roles.is_trainer(user) else None,
        "employee": employee,
        "current_period": period,
        "team": None,
        "register_counts": register_selectors.register_counts() if roles.is_hr(user) else None,
        "evaluation": training.dashboard_evaluation(user),
    }
    if employee is not None:
        context["my_appraisal"] = my_appraisal
        context["my_gaps"] = my_gaps
    if permissions.is_supervisor(user):
        rows, counts = appraisal_selectors.team_progress(employee, period) if period else ([], {})
        context["team"] = rows if period else list(register_selectors.direct_subordinates(employee))
        context["team_counts"] = counts
        context["team_done"] = counts.get("assessed", 0) + counts.get("finalised", 0)
        # The supervisor's inbox: what waits for them, first on the page.
        context["inbox"] = training.dashboard_inbox(employee, context["evaluation"])
        context["inbox"]["to_assess"] = (
            counts.get(AppraisalStatus.DRAFT, 0) + counts.get(AppraisalStatus.SELF_SUBMITTED, 0) if period else 0)
    return render(request, "portal/dashboard.html", context)
